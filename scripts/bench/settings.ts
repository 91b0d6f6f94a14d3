import { KafkaSecurity } from '@concord/messaging';
import { KafkaClientConfig, kafkaClientEnvironment, loadConfig } from '@concord/platform';

/** The benchmark's settings, from the environment; every one has a default (docs/benchmarks.md). */
export interface BenchSettings {
  /** host:port list of the broker the services and the benchmark use. */
  readonly kafkaBrokers: string[];
  /** TLS and SASL to reach it (KAFKA_SECURITY_PROTOCOL, ...), as the services take them. */
  readonly kafkaSecurity: KafkaSecurity;
  /** The same as environment variables, for the services the benchmark starts. */
  readonly kafkaSecurityEnv: Record<string, string>;
  /** The port deploy/local/kafka.sh starts a broker on when none answers. */
  readonly kafkaPort: number;
  readonly kafkaControllerPort: number;
  /** postgres://user@host:port, without a database. */
  readonly postgresUrl: string;
  /** First of five consecutive HTTP ports for the services. */
  readonly basePort: number;
  /** Port of the bench's webhook receiver. */
  readonly webhookPort: number;
  /**
   * BENCH_TRACING=on: every service traces every request and event and exports its spans over
   * OTLP/HTTP (protobuf) to the benchmark's sink on `otlpSinkPort` (BENCH_OTLP_SINK_PORT).
   */
  readonly tracing: boolean;
  readonly otlpSinkPort: number;
  /** Prefix of the bench databases, e.g. concord_bench → concord_bench_referrals. */
  readonly databasePrefix: string;
  /** Seconds of each latency phase. */
  readonly phaseSeconds: number;
  /** Offered loads of the latency phases, referrals per second. */
  readonly latencyRates: number[];
  /** Seconds over which the idle system's CPU is counted. */
  readonly idleSeconds: number;
  /** Instances of the referrals service (the assignment engine) in one consumer group. */
  readonly engineInstances: number;
  /** Seconds of each throughput step, and of the grace period after it. */
  readonly throughputSeconds: number;
  readonly graceSeconds: number;
  readonly throughputStartRate: number;
  /** The longest wait for the services' backlog to drain between two parts or steps. */
  readonly drainSeconds: number;
  readonly throughputMaxRate: number;
  readonly throughputMaxSteps: number;
  /** Referral counts at which growth is measured. */
  readonly growthSizes: number[];
  /** API calls timed per endpoint and size. */
  readonly growthCalls: number;
  /** Messages in the raw Kafka baseline. */
  readonly baselineMessages: number;
  /** Which parts to run (all by default). */
  readonly parts: ReadonlySet<BenchPart>;
  /** Where the JSON and Markdown reports go; empty: do not write them. */
  readonly outputDir: string;
}

export const BENCH_PARTS = [
  'baseline',
  'idle',
  'latency',
  'floor',
  'throughput',
  'profile',
  'growth',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

const number = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

const numbers = (env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isFinite(value) || value <= 0)) {
    throw new Error(`${name} must be a comma-separated list of positive numbers`);
  }
  return values;
};

/** Reads the settings; an invalid one stops the benchmark with a message naming it. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const kafkaPort = number(env, 'KAFKA_PORT', 9092);
  const parts = (env.BENCH_PARTS ?? BENCH_PARTS.join(',')).split(',').map((part) => part.trim());
  const unknown = parts.filter((part) => !(BENCH_PARTS as readonly string[]).includes(part));
  if (unknown.length > 0) {
    throw new Error(`BENCH_PARTS may list ${BENCH_PARTS.join(', ')}; not ${unknown.join(', ')}`);
  }
  const pg = `postgres://${env.PGUSER ?? 'postgres'}@${env.PGHOST ?? '127.0.0.1'}:${env.PGPORT ?? '5432'}`;
  return {
    kafkaBrokers: (env.KAFKA_BROKERS ?? `127.0.0.1:${kafkaPort}`).split(','),
    kafkaSecurity: loadConfig(KafkaClientConfig, env).kafkaSecurity,
    kafkaSecurityEnv: kafkaClientEnvironment(env),
    kafkaPort,
    kafkaControllerPort: number(env, 'KAFKA_CONTROLLER_PORT', kafkaPort + 1),
    postgresUrl: pg,
    basePort: number(env, 'BENCH_BASE_PORT', 3201),
    webhookPort: number(env, 'BENCH_WEBHOOK_PORT', 3209),
    tracing: onOff(env, 'BENCH_TRACING'),
    otlpSinkPort: number(env, 'BENCH_OTLP_SINK_PORT', 3210),
    databasePrefix: env.BENCH_DATABASE_PREFIX ?? 'concord_bench',
    phaseSeconds: number(env, 'BENCH_PHASE_SECONDS', 30),
    latencyRates: numbers(env, 'BENCH_LATENCY_RATES', [1, 10, 50, 200]),
    idleSeconds: number(env, 'BENCH_IDLE_SECONDS', 60),
    engineInstances: Math.round(number(env, 'BENCH_ENGINE_INSTANCES', 1)),
    throughputSeconds: number(env, 'BENCH_THROUGHPUT_SECONDS', 60),
    graceSeconds: number(env, 'BENCH_GRACE_SECONDS', 10),
    throughputStartRate: number(env, 'BENCH_THROUGHPUT_START_RATE', 10),
    drainSeconds: number(env, 'BENCH_DRAIN_SECONDS', 600),
    throughputMaxRate: number(env, 'BENCH_THROUGHPUT_MAX_RATE', 3200),
    throughputMaxSteps: number(env, 'BENCH_THROUGHPUT_MAX_STEPS', 8),
    growthSizes: numbers(env, 'BENCH_GROWTH_SIZES', [10_000, 1_000_000]),
    growthCalls: number(env, 'BENCH_GROWTH_CALLS', 200),
    baselineMessages: number(env, 'BENCH_BASELINE_MESSAGES', 20_000),
    parts: new Set(parts as BenchPart[]),
    outputDir: env.BENCH_OUTPUT_DIR ?? 'docs',
  };
}

function onOff(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? 'off').trim().toLowerCase();
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be on or off, not ${value}`);
  return value === 'on';
}
