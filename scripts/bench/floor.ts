import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { handledEvents } from '@concord/messaging';
import { SERVICE_MANIFESTS } from '../concord-events';
import { runAccountedPhase } from './accounted-phase';
import { ConsumerLag } from './consumer-lag';
import { cpuSecondsOf, startCpuAccounting } from './cpu-accounting';
import { now } from './hand-off-tracker';
import { SERVICES, sql, startGroupsAtEnd } from './infrastructure';
import {
  floorDatabaseOf,
  groupIdOf,
  startFloorConsumers,
  stopServices,
  waitHealthy,
} from './services';
import { BenchSystem } from './system';

/**
 * The floor: what the messaging library costs per referral before any domain work, measured in
 * the same run. Consumers that handle exactly the event types each service handles, with
 * handlers that do nothing but the dedup record, read the same topics (in groups of their own)
 * while a phase at `rate` runs through the real services.
 */
export interface FloorResult {
  readonly rate: number;
  /** Referrals the phase fully processed: the divisor. */
  readonly referrals: number;
  /** Messages the floor consumers took per referral: the same as the services' deliveries. */
  readonly deliveriesPerReferral: number;
  /** CPU ms per referral of each floor consumer and of their databases' PostgreSQL backends. */
  readonly byProcess: Record<string, number>;
  /** Their sum: the consumer side of the floor (the broker's share of it is not separable). */
  readonly msPerReferral: number;
  /** False when the floor consumers had not caught up within BENCH_DRAIN_SECONDS. */
  readonly drained: boolean;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** CPU seconds so far of the PostgreSQL backends connected to `databases`. */
async function backendCpuSeconds(system: BenchSystem, databases: string[]): Promise<number> {
  const backends = await sql<{ pid: number }>(
    system.settings,
    'postgres',
    `SELECT pid FROM pg_stat_activity WHERE datname = ANY($1::text[])`,
    [databases],
  );
  const seconds = await Promise.all(
    backends.map(async ({ pid }) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      return stat === null ? 0 : cpuSecondsOf(stat);
    }),
  );
  return seconds.reduce((sum, value) => sum + value, 0);
}

/** Polls `check` every 500 ms until it holds (true) or `deadlineMs` passed (false). */
async function waitFor(deadlineMs: number, check: () => Promise<boolean>): Promise<boolean> {
  const deadline = now() + deadlineMs;
  while (!(await check())) {
    if (now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return true;
}

export async function measureFloor(
  system: BenchSystem,
  rate: number,
  seconds: number,
): Promise<FloorResult> {
  const { settings, root, runId } = system;
  // The services that consume anything (agreements only publishes).
  const consumers = SERVICES.filter((name) =>
    SERVICE_MANIFESTS.some(
      (manifest) => manifest.service === name && handledEvents(manifest).length > 0,
    ),
  );
  const databases = consumers.map((name) => floorDatabaseOf(settings, name));
  for (const database of databases) {
    await sql(settings, 'postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await sql(settings, 'postgres', `CREATE DATABASE ${database}`);
  }
  const groups = consumers.map((name) => groupIdOf(runId, `floor-${name}`));
  await startGroupsAtEnd(settings, groups);
  const floors = startFloorConsumers(
    settings,
    root,
    runId,
    join(root, '.cache/dev-keys/dev-public.pem'),
    consumers,
  );
  const lag = new ConsumerLag(system.kafka, groups);
  try {
    await waitHealthy(floors);
    await lag.start();
    if (!(await waitFor(60_000, () => lag.allAssigned()))) {
      throw new Error('the floor consumers were not assigned their partitions within a minute');
    }
    const pgBefore = await backendCpuSeconds(system, databases);
    const cpu = await startCpuAccounting(floors);
    const consumedBefore = await lag.committed();
    const accounted = await runAccountedPhase(system, rate, seconds, `floor-${rate}`);
    const drained = await waitFor(settings.drainSeconds * 1000, async () => {
      const behind = await lag.measure();
      return Object.values(behind).reduce((sum, value) => sum + value, 0) < 10;
    });
    const referrals = accounted.cpu.referrals;
    const use = await cpu.stop(`floor ${rate}/s`, referrals);
    const pgSeconds = (await backendCpuSeconds(system, databases)) - pgBefore;
    const deliveries = (await lag.committed()) - consumedBefore;
    const labels = new Set(floors.map((floor) => floor.label));
    const byProcess: Record<string, number> = Object.fromEntries(
      use.shares
        .filter((share) => labels.has(share.process))
        .map((share) => [share.process, round(share.msPerReferral)]),
    );
    byProcess['postgresql (floor databases)'] =
      referrals === 0 ? 0 : round((pgSeconds * 1000) / referrals);
    return {
      rate,
      referrals,
      deliveriesPerReferral: referrals === 0 ? 0 : round(deliveries / referrals),
      byProcess,
      msPerReferral: round(Object.values(byProcess).reduce((sum, value) => sum + value, 0)),
      drained,
    };
  } finally {
    await lag.stop().catch(() => undefined);
    await stopServices(floors);
  }
}
