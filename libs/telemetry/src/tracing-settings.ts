/**
 * What the standard OpenTelemetry environment variables say about tracing, read without loading
 * the SDK: tracing is off unless an OTLP endpoint is configured (or OTEL_TRACES_EXPORTER=otlp
 * asks for the default one), and OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none turn it off.
 * https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/
 */
export type TracingSettings =
  | { readonly enabled: false }
  | {
      readonly enabled: true;
      readonly protocol: OtlpProtocol;
      readonly sampler: SamplerSetting;
      readonly batch: BatchSettings;
    };

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface SamplerSetting {
  readonly kind: 'always_on' | 'always_off' | 'traceidratio';
  /** Whether the parent's decision wins when there is a parent (the `parentbased_*` samplers). */
  readonly parentBased: boolean;
  /** The share of traces sampled, for `traceidratio`. */
  readonly ratio: number;
}

export interface BatchSettings {
  readonly scheduledDelayMillis: number;
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  readonly exportTimeoutMillis: number;
}

/** A setting that cannot be honoured; the message names it. */
export class TracingSettingError extends Error {}

type Environment = Readonly<Record<string, string | undefined>>;

const SAMPLERS: Record<string, Omit<SamplerSetting, 'ratio'>> = {
  always_on: { kind: 'always_on', parentBased: false },
  always_off: { kind: 'always_off', parentBased: false },
  traceidratio: { kind: 'traceidratio', parentBased: false },
  parentbased_always_on: { kind: 'always_on', parentBased: true },
  parentbased_always_off: { kind: 'always_off', parentBased: true },
  parentbased_traceidratio: { kind: 'traceidratio', parentBased: true },
};

export function tracingSettings(env: Environment): TracingSettings {
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  if (value('OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return { enabled: false };
  const exporters = (value('OTEL_TRACES_EXPORTER') ?? '').toLowerCase().split(',');
  if (exporters.includes('none')) return { enabled: false };
  const unknown = exporters.filter((name) => name && name !== 'otlp');
  if (unknown.length > 0) {
    throw new TracingSettingError(
      `OTEL_TRACES_EXPORTER must be otlp or none (Concord exports OTLP only), not ${unknown.join(', ')}`,
    );
  }
  const endpoint =
    value('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? value('OTEL_EXPORTER_OTLP_ENDPOINT');
  if (!endpoint && !exporters.includes('otlp')) return { enabled: false };

  const protocol =
    value('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    value('OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf';
  if (protocol !== 'http/protobuf' && protocol !== 'http/json') {
    throw new TracingSettingError(
      `OTEL_EXPORTER_OTLP_PROTOCOL must be http/protobuf or http/json (grpc is not supported), not ${protocol}`,
    );
  }
  return {
    enabled: true,
    protocol,
    sampler: samplerOf(value('OTEL_TRACES_SAMPLER'), value('OTEL_TRACES_SAMPLER_ARG')),
    batch: {
      scheduledDelayMillis: positive(env, 'OTEL_BSP_SCHEDULE_DELAY', 5000),
      maxQueueSize: positive(env, 'OTEL_BSP_MAX_QUEUE_SIZE', 2048),
      maxExportBatchSize: positive(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE', 512),
      exportTimeoutMillis: positive(env, 'OTEL_BSP_EXPORT_TIMEOUT', 30000),
    },
  };
}

function samplerOf(name = 'parentbased_always_on', argument?: string): SamplerSetting {
  const sampler = SAMPLERS[name.toLowerCase()];
  if (!sampler) {
    throw new TracingSettingError(
      `OTEL_TRACES_SAMPLER must be one of ${Object.keys(SAMPLERS).join(', ')}, not ${name}`,
    );
  }
  const ratio = argument === undefined ? 1 : Number(argument);
  if (sampler.kind === 'traceidratio' && !(ratio >= 0 && ratio <= 1)) {
    throw new TracingSettingError(
      `OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1 for ${name}, not ${argument}`,
    );
  }
  return { ...sampler, ratio };
}

function positive(env: Environment, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) {
    throw new TracingSettingError(`${name} must be a positive whole number, not ${raw}`);
  }
  return Number(raw);
}
