import { IncomingMessage } from 'node:http';
import type { Sampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { httpRouteOf } from './http-route';
import { SamplerSetting, tracingSettings } from './tracing-settings';

let provider: TracerProvider | undefined;

/** Paths that are never traced: probes and scrapes would drown the traces people look for. */
const UNTRACED_PATHS = new Set(['/health', '/metrics']);

export interface TracingOptions {
  /**
   * Paths whose callers must stay anonymous (the public community survey): they get no span,
   * since an HTTP server span records the client's address.
   */
  readonly anonymousPaths?: RegExp;
}

/** Whether the request at `url` gets no span: a probe, a scrape, or an anonymous caller's. */
export function isUntraced(url: string, anonymousPaths?: RegExp): boolean {
  const path = url.split('?')[0];
  return UNTRACED_PATHS.has(path) || (anonymousPaths?.test(path) ?? false);
}

/**
 * Starts tracing for this process when the standard OTEL_* variables configure an OTLP endpoint
 * (tracing-settings.ts), and does nothing else otherwise: the SDK is not even loaded, and the
 * OpenTelemetry API the code calls stays a no-op. Call it before the service's HTTP server and
 * database pool are made: the http and pg instrumentations patch the modules' classes, which
 * only objects made afterwards are sure to use.
 *
 * Spans: the HTTP server span of every request but /health, /metrics and the anonymous paths
 * (instrumentation-http);
 * client spans of outgoing calls made inside a span, which carry the context on (webhooks, the
 * identity provider's keys: instrumentation-http, and instrumentation-undici for fetch); every SQL
 * statement run inside a span (instrumentation-pg; never its parameters); and the produce and
 * consume spans of each event (message-tracing.ts). Exported in batches over OTLP/HTTP, protobuf
 * or JSON.
 */
export async function startTracing(
  service: string,
  env = process.env,
  options: TracingOptions = {},
): Promise<boolean> {
  const settings = tracingSettings(env);
  if (!settings.enabled || provider) return settings.enabled;
  const [api, sdk, core, contexts, resources, instrumentation, http, undici, pg] =
    await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-trace'),
      import('@opentelemetry/core'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/instrumentation'),
      import('@opentelemetry/instrumentation-http'),
      import('@opentelemetry/instrumentation-undici'),
      import('@opentelemetry/instrumentation-pg'),
    ]);
  const { OTLPTraceExporter } =
    settings.protocol === 'http/json'
      ? await import('@opentelemetry/exporter-trace-otlp-http')
      : await import('@opentelemetry/exporter-trace-otlp-proto');

  const resource = resources
    .resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME?.trim() || service,
      'service.namespace': 'concord',
    })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  provider = new sdk.TracerProvider({
    resource,
    sampler: samplerOf(sdk, settings.sampler),
    spanProcessors: [
      new sdk.BatchSpanProcessor({ exporter: new OTLPTraceExporter(), ...settings.batch }),
    ],
  });
  api.context.setGlobalContextManager(new contexts.AsyncLocalStorageContextManager().enable());
  api.propagation.setGlobalPropagator(
    new core.CompositePropagator({
      propagators: [new core.W3CTraceContextPropagator(), new core.W3CBaggagePropagator()],
    }),
  );
  api.trace.setGlobalTracerProvider(provider);
  instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new http.HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          isUntraced(request.url ?? '', options.anonymousPaths),
        // Named after the route template once Express has matched one: `POST /referrals`.
        applyCustomAttributesOnSpan: (span, request) => {
          if (!(request instanceof IncomingMessage)) return;
          const route = httpRouteOf(request);
          if (!route) return;
          span.updateName(`${request.method} ${route}`);
          span.setAttribute('http.route', route);
        },
      }),
      // fetch (webhooks, the identity provider's keys): client spans, and traceparent sent on.
      new undici.UndiciInstrumentation({ requireParentforSpans: true }),
      // Statements outside any span (the relay's polling, purges) are not traced.
      new pg.PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  // The instrumentations patch a module when it is required next. The service's own modules have
  // loaded http and pg already (the Nest adapter, the pool's client class), so they are required
  // once more here, before the HTTP server and the first database connection exist.
  await Promise.all([import('http'), import('https'), import('pg'), import('pg-pool')]);
  return true;
}

/** Exports what is still buffered and stops; called when the service shuts down. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  await stopping?.shutdown();
}

type Sdk = typeof import('@opentelemetry/sdk-trace');

function samplerOf(sdk: Sdk, setting: SamplerSetting): Sampler {
  const root =
    setting.kind === 'always_on'
      ? new sdk.AlwaysOnSampler()
      : setting.kind === 'always_off'
        ? new sdk.AlwaysOffSampler()
        : new sdk.TraceIdRatioBasedSampler(setting.ratio);
  return setting.parentBased ? new sdk.ParentBasedSampler({ root }) : root;
}
