import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The request counts of RATE_LIMIT_STORE=postgres (PostgresRateLimiter), in every service's
 * database: one row per client and window, deleted once its window has ended. UNLOGGED: counts
 * write no WAL, so a count's commit waits for no disk flush; a crash of PostgreSQL empties the
 * table (every client starts a new window) and a standby has no copy, which is what counts that
 * live a minute are worth. `window_start` leads the key, so the purge of ended windows reads a
 * range of the index, and `requests` is in no index, so a count updates its row in place (HOT),
 * helped by the free space fillfactor leaves in each page.
 */
export class RateLimitCounts1765300000000 implements MigrationInterface {
  name = 'RateLimitCounts1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE UNLOGGED TABLE rate_limit_counts (
        window_start timestamptz NOT NULL,
        client text NOT NULL,
        requests integer NOT NULL,
        PRIMARY KEY (window_start, client)
      ) WITH (fillfactor = 70)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rate_limit_counts`);
  }
}
