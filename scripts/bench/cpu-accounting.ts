import { readdir, readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { now } from './hand-off-tracker';
import { RunningService } from './services';

/** CPU time the processes of one kind used during a phase. */
export interface CpuShare {
  /** A service's name, `broker`, `postgresql` (every server process) or `benchmark`. */
  readonly process: string;
  readonly cpuSeconds: number;
  /** CPU milliseconds per referral accepted in the phase, background work included. */
  readonly msPerReferral: number;
}

export interface CpuUse {
  readonly label: string;
  /** Referrals fully processed (assigned, funding reserved, partner notified) by the end. */
  readonly referrals: number;
  readonly wallSeconds: number;
  readonly shares: CpuShare[];
  /**
   * CPU milliseconds per fully processed referral of what is measured: the services, the broker
   * and PostgreSQL. The benchmark's own load generator and watchers are `generatorMsPerReferral`.
   */
  readonly targetMsPerReferral: number;
  readonly generatorMsPerReferral: number;
  /** Cores busy on average over the phase, the measured processes together, of `cores`. */
  readonly coresBusy: number;
  readonly cores: number;
}

/** The process that is not part of what is measured: the load generator and the watchers. */
export const GENERATOR = 'benchmark';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User + system CPU seconds of a process, and of its waited-for children (`postgres` forks). */
export function cpuSecondsOf(stat: string): number {
  // The command name may hold spaces and parentheses: the fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14-17 of proc(5) (utime, stime, cutime, cstime) are 12-15 after state (field 3).
  const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0);
  return ticks / TICKS_PER_SECOND;
}

async function processTable(): Promise<{ pid: number; command: string; cpu: number }[]> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const rows = await Promise.all(
    pids.map(async (pid) => {
      const [stat, command] = await Promise.all([
        readFile(`/proc/${pid}/stat`, 'utf8'),
        readFile(`/proc/${pid}/cmdline`, 'utf8'),
      ]).catch(() => [null, null]);
      if (stat === null || command === null) return null;
      return { pid: Number(pid), command: command.replace(/\0/g, ' '), cpu: cpuSecondsOf(stat) };
    }),
  );
  return rows.filter((row) => row !== null);
}

/** CPU seconds so far of each kind of process the hand-off runs on. */
async function snapshot(services: RunningService[]): Promise<Map<string, number>> {
  const table = await processTable();
  const byPid = new Map(table.map((row) => [row.pid, row.cpu]));
  const totals = new Map<string, number>();
  for (const service of services) {
    totals.set(service.label, byPid.get(service.process.pid ?? -1) ?? 0);
  }
  const sum = (match: (command: string) => boolean) =>
    table.filter((row) => match(row.command)).reduce((total, row) => total + row.cpu, 0);
  totals.set(
    'broker',
    sum((command) => command.includes('kafka.Kafka')),
  );
  // The postmaster (…/bin/postgres -D …) with the backends it has reaped, and the live ones.
  totals.set(
    'postgresql',
    sum((command) => /^(\S*\/)?postgres[: ]/.test(command)),
  );
  const own = process.cpuUsage();
  totals.set(GENERATOR, (own.user + own.system) / 1e6);
  return totals;
}

/**
 * Starts counting the CPU time of the services, the broker, PostgreSQL and the benchmark itself
 * (load generator, webhook receiver and event watcher); `stop` divides it by the referrals the
 * phase fully processed. On a machine with nothing else running, the total says how close to
 * saturated it was.
 */
export async function startCpuAccounting(services: RunningService[]) {
  const before = await snapshot(services);
  const startedAt = now();
  return {
    async stop(label: string, referrals: number): Promise<CpuUse> {
      const after = await snapshot(services);
      const wallSeconds = (now() - startedAt) / 1000;
      const shares = [...after].map(([process, total]) => {
        const cpuSeconds = Math.max(0, total - (before.get(process) ?? 0));
        return {
          process,
          cpuSeconds,
          msPerReferral: referrals === 0 ? 0 : (cpuSeconds * 1000) / referrals,
        };
      });
      const target = shares.filter((share) => share.process !== GENERATOR);
      const busy = target.reduce((sum, share) => sum + share.cpuSeconds, 0);
      return {
        label,
        referrals,
        wallSeconds,
        shares,
        targetMsPerReferral: target.reduce((sum, share) => sum + share.msPerReferral, 0),
        generatorMsPerReferral:
          shares.find((share) => share.process === GENERATOR)?.msPerReferral ?? 0,
        coresBusy: wallSeconds === 0 ? 0 : busy / wallSeconds,
        cores: cpus().length,
      };
    },
  };
}

/** What the whole system burns with nothing to do. */
export interface IdleCpu {
  readonly seconds: number;
  /** The services, the broker and PostgreSQL together, in percent of one core. */
  readonly percentOfCore: number;
  /** Per process, in percent of one core. */
  readonly byProcess: Record<string, number>;
}

/** Counts the measured processes' CPU over `seconds` in which nothing is asked of them. */
export async function measureIdleCpu(
  services: RunningService[],
  seconds: number,
): Promise<IdleCpu> {
  const accounting = await startCpuAccounting(services);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const use = await accounting.stop('idle', 0);
  const percent = (cpuSeconds: number) => Math.round((cpuSeconds / use.wallSeconds) * 1000) / 10;
  const target = use.shares.filter((share) => share.process !== GENERATOR);
  return {
    seconds: use.wallSeconds,
    percentOfCore: percent(target.reduce((sum, share) => sum + share.cpuSeconds, 0)),
    byProcess: Object.fromEntries(
      target.map((share) => [share.process, percent(share.cpuSeconds)]),
    ),
  };
}
