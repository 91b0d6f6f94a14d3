import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { tooMany } from '@concord/platform';
import { AgreementsConfig } from '../agreements.config';
import { networkOf, sketchSlots, SKETCH_ROWS, windowOf } from './network-key';

/** Counts one answer in the day's sketch; its rows are locked in row order, so no deadlock. */
const COUNT_ANSWER = `
  INSERT INTO survey_network_sketch AS sketch (day, sketch_row, slot, count)
  SELECT $1::date, counted.sketch_row, counted.slot, 1
    FROM unnest($2::smallint[], $3::int[]) AS counted (sketch_row, slot)
   ORDER BY counted.sketch_row
  ON CONFLICT (day, sketch_row, slot) DO UPDATE SET count = sketch.count + 1
  RETURNING sketch.count`;

/**
 * The per-network limit of the public survey (SURVEY_ANSWERS_PER_NETWORK_PER_DAY), shared by
 * every instance through PostgreSQL and keeping no address, network or hash (network-key.ts):
 * the day's key in survey_day_keys, the day's counts in survey_network_sketch, both deleted once
 * the day is over (purgeEndedDays).
 */
@Injectable()
export class NetworkAnswerLimit {
  /** Today's key, so that not every answer reads it; dropped when the day changes. */
  private cached: { day: string; key: Buffer } | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AgreementsConfig,
  ) {}

  /**
   * Counts an answer from `address` in `manager`'s transaction, or refuses it with 429
   * SURVEY_NETWORK_LIMIT when its network has reached the day's limit (the transaction then
   * rolls back, so a refused answer is not counted). A count-min sketch never counts too few:
   * a network is never let past its limit, and now and then one that shares all its slots with
   * busy networks is refused early.
   */
  async count(manager: EntityManager, address: string, now: Date): Promise<void> {
    const day = windowOf(now);
    const key = await this.keyOf(day);
    const slots = sketchSlots(key, networkOf(address) ?? 'unknown');
    const rows = (await manager.query(COUNT_ANSWER, [
      day,
      Array.from({ length: SKETCH_ROWS }, (_, row) => row),
      slots,
    ])) as { count: number }[];
    const answers = Math.min(...rows.map(({ count }) => count));
    const limit = this.config.SURVEY_ANSWERS_PER_NETWORK_PER_DAY;
    if (answers > limit) {
      throw tooMany(
        'SURVEY_NETWORK_LIMIT',
        `this network has sent the ${limit} answers a day that SURVEY_ANSWERS_PER_NETWORK_PER_DAY allows; try again tomorrow`,
      );
    }
  }

  /**
   * Deletes the keys and counts of the days that are over (and the used form tokens that have
   * expired): after this no one can tell which networks answered on those days.
   */
  async purgeEndedDays(now: Date): Promise<void> {
    const today = windowOf(now);
    if (this.cached && this.cached.day !== today) this.cached = undefined;
    await this.dataSource.query(`DELETE FROM survey_day_keys WHERE day < $1::date`, [today]);
    await this.dataSource.query(`DELETE FROM survey_network_sketch WHERE day < $1::date`, [today]);
    await this.dataSource.query(`DELETE FROM survey_form_nonces WHERE expires_at < $1`, [now]);
  }

  /** The day's key: made by whichever instance needs it first, then read by all. */
  private async keyOf(day: string): Promise<Buffer> {
    if (this.cached?.day === day) return this.cached.key;
    await this.dataSource.query(
      `INSERT INTO survey_day_keys (day, key) VALUES ($1::date, $2) ON CONFLICT (day) DO NOTHING`,
      [day, randomBytes(32)],
    );
    const [row] = (await this.dataSource.query(
      `SELECT key FROM survey_day_keys WHERE day = $1::date`,
      [day],
    )) as { key: Buffer }[];
    if (!row) throw new Error(`the survey key of ${day} was deleted as it was made`);
    this.cached = { day, key: row.key };
    await this.purgeEndedDays(new Date(`${day}T00:00:00Z`));
    return row.key;
  }
}
