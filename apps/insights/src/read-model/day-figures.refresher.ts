import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PeriodicWork, PgListener, RoundOutcome } from '@concord/messaging';
import { DAY_FIGURE_COLUMNS, dayFiguresOf, dayKeyOf } from '../kpis/day-figures.sql';

/** What the triggers of day_figures_stale notify when a change that marked a key commits. */
const CHANNEL = 'concord_day_figures';
/** Day keys recomputed per transaction; a round with more left is followed by another. */
export const KEYS_PER_ROUND = 50;
/**
 * How long after a notification the refresher waits: a busy day's key is marked by every batch
 * the consumer commits, and GET /kpis is exact meanwhile (it computes stale keys from the facts),
 * so recomputing it at most this often bounds the cost to a day's facts every few seconds.
 */
const SETTLE_MS = 5_000;
/** The fallback sweep, for keys a missed notification left (a lost LISTEN connection). */
const SWEEP_MS = 5 * 60_000;

interface DayKey {
  day: string;
  initiative_id: string;
  category: string;
}

/**
 * Keeps referral_day_figures: takes the keys day_figures_stale names, recomputes their rows from
 * the facts in the same transaction, and deletes the marks it took. A mark committed after the
 * recomputation read the facts stays and brings the key round again, so a key without a mark has
 * a row that agrees with its facts in any snapshot. One process refreshes at a time (an advisory
 * lock): two could otherwise write an older computation after a newer one.
 */
@Injectable()
export class DayFiguresRefresher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work: PeriodicWork;
  private readonly listener: PgListener;
  private settling?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    this.work = new PeriodicWork({
      name: 'day figures refresher',
      intervalMs: SWEEP_MS,
      round: () => this.refresh(),
    });
    this.listener = new PgListener(dataSource, CHANNEL, () => {
      this.settling ??= setTimeout(() => {
        this.settling = undefined;
        this.work.runNow();
      }, SETTLE_MS);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.work.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.settling);
    await this.work.stop();
    this.listener.stop();
  }

  /** Recomputes up to KEYS_PER_ROUND stale keys; 'again' while more are left. */
  async refresh(): Promise<RoundOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(
        `SELECT pg_try_advisory_xact_lock(hashtext('concord.referral_day_figures')) AS locked`,
      )) as { locked: boolean }[];
      if (!locked) return undefined;
      const keys = await takeStaleKeys(manager);
      if (keys.length === 0) return undefined;
      await recompute(manager, keys);
      return keys.length === KEYS_PER_ROUND ? 'again' : undefined;
    });
  }
}

/**
 * Deletes the marks of up to KEYS_PER_ROUND stale keys, every mark of each; returns the keys.
 * The facts are read by the next statement, whose snapshot sees every change these marks stood
 * for (each committed with its mark).
 */
async function takeStaleKeys(manager: EntityManager): Promise<DayKey[]> {
  return (await manager.query(
    `WITH first_keys AS (
       SELECT DISTINCT day, initiative_id, category FROM day_figures_stale LIMIT $1
     ), taken AS (
       DELETE FROM day_figures_stale s USING first_keys k
        WHERE s.day = k.day AND s.initiative_id = k.initiative_id AND s.category = k.category
       RETURNING s.day::text AS day, s.initiative_id, s.category
     )
     SELECT DISTINCT day, initiative_id, category FROM taken`,
    [KEYS_PER_ROUND],
  )) as DayKey[];
}

/** Writes the rows of `keys` as their facts are now; deletes the row of a key left with none. */
async function recompute(manager: EntityManager, keys: DayKey[]): Promise<void> {
  const key = dayKeyOf('f');
  const columns = DAY_FIGURE_COLUMNS.join(', ');
  const updated = DAY_FIGURE_COLUMNS.slice(3)
    .map((column) => `${column} = excluded.${column}`)
    .join(', ');
  await manager.query(
    `WITH day_keys AS (
       SELECT * FROM unnest($1::date[], $2::uuid[], $3::text[]) AS k(day, initiative_id, category)
     ), day_facts AS (
       SELECT f.* FROM referral_facts f JOIN day_keys k
           ON f.submitted_at >= k.day::timestamp AT TIME ZONE 'UTC'
          AND f.submitted_at < (k.day + 1)::timestamp AT TIME ZONE 'UTC'
          AND ${key.initiativeId} = k.initiative_id AND ${key.category} = k.category
     ), computed AS (
       ${dayFiguresOf('day_facts', 'NULL::uuid')}
     ), emptied AS (
       DELETE FROM referral_day_figures r USING day_keys k
        WHERE r.day = k.day AND r.initiative_id = k.initiative_id AND r.category = k.category
          AND NOT EXISTS (SELECT 1 FROM computed c
                           WHERE c.day = k.day AND c.initiative_id = k.initiative_id
                             AND c.category = k.category)
     )
     INSERT INTO referral_day_figures (${columns})
     SELECT ${columns} FROM computed
     ON CONFLICT (day, initiative_id, category) DO UPDATE SET ${updated}`,
    [keys.map((k) => k.day), keys.map((k) => k.initiative_id), keys.map((k) => k.category)],
  );
}
