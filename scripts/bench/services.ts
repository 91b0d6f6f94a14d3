import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scriptOf, ServiceProcess, ServiceUrls } from '@concord/testing';
import { databaseOf, SERVICES, ServiceName } from './infrastructure';
import { BenchSettings } from './settings';

/** One service as its own OS process, with its log in .cache/bench/logs/<service>.log. */
export interface RunningService {
  readonly name: ServiceName;
  /** Unique in a run: the service's name, `referrals-2` for a further instance of the engine. */
  readonly label: string;
  readonly url: string;
  readonly groupId: string;
  readonly process: ServiceProcess;
}

/** The consumer group of each service in this run: new groups, so nothing is shared. */
export const groupIdOf = (runId: string, service: string) => `bench-${runId}-${service}`;

/**
 * Starts the five services from dist/, as deploy/local/start-all.sh does, with the settings a
 * load test needs: the per-client rate limit lifted (to its maximum, 1,000,000 a minute) and
 * warnings-only logs.
 */
export function startServices(
  settings: BenchSettings,
  root: string,
  runId: string,
  publicKeyFile: string,
): RunningService[] {
  return SERVICES.map((name, index) =>
    startService(settings, root, runId, publicKeyFile, name, name, settings.basePort + index),
  );
}

/**
 * Further instances of the referrals service (the assignment engine), BENCH_ENGINE_INSTANCES in
 * all: same database, same consumer group, ports after the five services'. Start them once the
 * first has migrated its database.
 */
export function startExtraEngines(
  settings: BenchSettings,
  root: string,
  runId: string,
  publicKeyFile: string,
): RunningService[] {
  return Array.from({ length: settings.engineInstances - 1 }, (_, index) =>
    startService(
      settings,
      root,
      runId,
      publicKeyFile,
      'referrals',
      `referrals-${index + 2}`,
      settings.basePort + SERVICES.length + index,
    ),
  );
}

/** The benchmark's floor consumers' script (scripts/bench/floor/main.ts), built. */
const FLOOR_SCRIPT = 'dist/scripts/bench/floor/main.js';

export const floorDatabaseOf = (settings: BenchSettings, service: ServiceName): string =>
  `${databaseOf(settings, service)}_floor`;

/**
 * The floor: for each of `services`, a consumer in a group of its own (`bench-<run>-floor-<service>`)
 * on a database of its own, that handles the service's event types with handlers that do
 * nothing. Ports from BENCH_BASE_PORT + 20.
 */
export function startFloorConsumers(
  settings: BenchSettings,
  root: string,
  runId: string,
  publicKeyFile: string,
  services: readonly ServiceName[],
): RunningService[] {
  // Clear of the services', the extra engines' and the webhook receiver's (base + 8).
  const firstPort = settings.basePort + 20;
  return services.map((name, index) =>
    startService(settings, root, runId, publicKeyFile, name, `floor-${name}`, firstPort + index, {
      script: FLOOR_SCRIPT,
      groupId: groupIdOf(runId, `floor-${name}`),
      database: floorDatabaseOf(settings, name),
      env: { FLOOR_OF: name },
    }),
  );
}

function startService(
  settings: BenchSettings,
  root: string,
  runId: string,
  publicKeyFile: string,
  name: ServiceName,
  label: string,
  port: number,
  floor?: { script: string; groupId: string; database: string; env: Record<string, string> },
): RunningService {
  const logDir = join(root, '.cache/bench/logs');
  // e.g. `--cpu-prof --cpu-prof-dir=.cache/bench/profiles`: where each service's time goes
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  mkdirSync(logDir, { recursive: true });
  const groupId = floor?.groupId ?? groupIdOf(runId, name);
  const service = new ServiceProcess({
    root,
    script: floor?.script ?? scriptOf(name),
    name: label,
    nodeArgs,
    logFile: join(logDir, `${label}.log`),
    healthyWithinMs: 120_000,
    env: {
      NODE_ENV: 'development',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      DATABASE_URL: `${settings.postgresUrl}/${floor?.database ?? databaseOf(settings, name)}`,
      KAFKA_BROKERS: settings.kafkaBrokers.join(','),
      ...settings.kafkaSecurityEnv,
      ...(settings.tracing
        ? { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${settings.otlpSinkPort}` }
        : {}),
      KAFKA_GROUP_ID: groupId,
      AUTH_PUBLIC_KEY_FILE: publicKeyFile,
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'warn',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      PUBLIC_REFERRALS_URL: `http://127.0.0.1:${settings.basePort}`,
      ...floor?.env,
    },
  });
  return { name, label, url: service.url, groupId, process: service.start() };
}

/** Each service's first instance: where the benchmark calls it. */
export const urlsOf = (services: RunningService[]): ServiceUrls =>
  Object.fromEntries(
    services
      .filter((service) => service.label === service.name)
      .map((service) => [service.name, service.url]),
  ) as ServiceUrls;

/** Waits until every service answers 200 on /health; fails early when one exits. */
export async function waitHealthy(services: RunningService[]): Promise<void> {
  for (const service of services) await service.process.waitHealthy();
}

export async function stopServices(services: RunningService[]): Promise<void> {
  await Promise.all(services.map((service) => service.process.stop()));
  services.forEach((service) => service.process.close());
}

/** Resident memory of a process in MB: now (VmRSS) and its peak since it started (VmHWM). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number } | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (status === null) return null;
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Samples the services' resident memory every `intervalMs` while it runs; `stop()` returns the
 * peak per service: the highest VmRSS sampled and the kernel's high-water mark (VmHWM).
 */
export function sampleMemory(services: RunningService[], intervalMs = 500) {
  const peaks = new Map<string, { sampledPeakMb: number; hwmMb: number }>();
  const sample = async () => {
    for (const service of services) {
      const memory = service.process.pid ? await memoryOf(service.process.pid) : null;
      if (!memory) continue;
      const previous = peaks.get(service.label) ?? { sampledPeakMb: 0, hwmMb: 0 };
      peaks.set(service.label, {
        sampledPeakMb: Math.max(previous.sampledPeakMb, memory.rssMb),
        hwmMb: Math.max(previous.hwmMb, memory.peakMb),
      });
    }
  };
  const timer = setInterval(() => void sample(), intervalMs);
  timer.unref();
  return {
    async stop(): Promise<Record<string, { sampledPeakMb: number; hwmMb: number }>> {
      clearInterval(timer);
      await sample();
      return Object.fromEntries(
        [...peaks].map(([name, peak]) => [
          name,
          { sampledPeakMb: Math.round(peak.sampledPeakMb), hwmMb: Math.round(peak.hwmMb) },
        ]),
      );
    },
  };
}
