import { Client } from 'pg';
import { PhaseResult, runHandOffPhase } from './hand-off-phase';
import { BenchSystem } from './system';

export interface QueryShare {
  readonly database: string;
  readonly query: string;
  readonly samples: number;
  /** Share of all samples that found a bench session busy (active or idle in transaction). */
  readonly share: number;
}

export interface ProfileResult {
  readonly method: string;
  readonly phase: PhaseResult;
  readonly sampleIntervalMs: number;
  readonly sampleCount: number;
  readonly queries: QueryShare[];
}

const METHOD =
  'Per hop: the CloudEvents `ce_time` of each event (when the service recorded it), the Kafka ' +
  'message timestamp (when the relay produced it) and the time the benchmark saw it or the ' +
  'webhook arrived. SQL: `pg_stat_statements` is installed but not in `shared_preload_libraries` ' +
  'on this shared server (enabling it needs a restart), so the benchmark samples ' +
  '`pg_stat_activity` of the bench databases every few milliseconds during the phase — a ' +
  'sampling profiler: the share of samples in which a session was running a statement (or ' +
  'holding a transaction open between statements, `idle in transaction`, which is time spent ' +
  'in the service) estimates where the database time goes.';

/** Collapses whitespace and cuts long statements, so equal statements are counted together. */
export function normalizeStatement(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > 160 ? `${flat.slice(0, 157)}...` : flat;
}

/**
 * The hand-off at `rate` with the database sampled meanwhile: per-hop latencies and the
 * statements (or open transactions) the bench databases were busy with.
 */
export async function profileHandOff(
  system: BenchSystem,
  rate: number,
  seconds: number,
  intervalMs = 5,
): Promise<ProfileResult> {
  const client = new Client({ connectionString: `${system.settings.postgresUrl}/postgres` });
  await client.connect();
  const counts = new Map<string, { database: string; query: string; samples: number }>();
  let sampleCount = 0;
  let busySamples = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const { rows } = await client.query<{ datname: string; state: string; query: string }>(
        `SELECT datname, state, query FROM pg_stat_activity
          WHERE datname LIKE $1 AND pid <> pg_backend_pid()
            AND state IN ('active', 'idle in transaction')`,
        [`${system.settings.databasePrefix}\\_%`],
      );
      sampleCount++;
      for (const row of rows) {
        busySamples++;
        const query =
          row.state === 'active'
            ? normalizeStatement(row.query)
            : `(idle in transaction, after: ${normalizeStatement(row.query)})`;
        const key = `${row.datname}\u0000${query}`;
        const entry = counts.get(key) ?? { database: row.datname, query, samples: 0 };
        entry.samples++;
        counts.set(key, entry);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  const phase = await runHandOffPhase(
    system.target,
    system.tracker,
    `profile-${rate}`,
    rate,
    seconds,
    system.settings.graceSeconds * 1000,
  );
  running = false;
  await sampler;
  await client.end();
  const queries = [...counts.values()]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, 15)
    .map((entry) => ({
      ...entry,
      database: entry.database.slice(system.settings.databasePrefix.length + 1),
      share: busySamples === 0 ? 0 : entry.samples / busySamples,
    }));
  return { method: METHOD, phase, sampleIntervalMs: intervalMs, sampleCount, queries };
}
