import { Logger } from '@nestjs/common';
import { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

/**
 * A connection of the data source's pool held for `LISTEN channel`: PostgreSQL delivers a
 * `pg_notify(channel, …)` after the transaction that sent it commits, so `onNotify` runs when
 * there is committed work to do, in every process that listens. A lost connection is replaced
 * a second later; `listening` says whether notifications arrive now (a worker polls faster when
 * they do not).
 *
 * The connection is also a session of its own: `holdLock` takes a session advisory lock on it, so
 * that one process of many leads (the outbox relay), until its connection ends — when it dies,
 * PostgreSQL releases the lock and the next process that tries takes over.
 */
export class PgListener {
  private readonly logger: Logger;
  private client?: PoolClient;
  private starting?: Promise<void>;
  private stopped = false;
  /** The session advisory locks this connection holds. */
  private readonly locks = new Set<number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly channel: string,
    private readonly onNotify: () => void,
  ) {
    this.logger = new Logger(`LISTEN ${channel}`);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Resolves once listening; a failure is logged and retried, never thrown. Nest calls bootstrap
   * hooks twice (the application, then its event consumer): only the first call connects, or a
   * second connection would never be released and the pool would wait for it at shutdown.
   */
  start(): Promise<void> {
    this.starting ??= this.connect().catch((error: unknown) => {
      this.logger.warn(`failed, polling instead until it works: ${String(error)}`);
      this.retrySoon();
    });
    return this.starting;
  }

  /**
   * True while this connection holds the session advisory lock `lockId`: taken now if it is free,
   * false when another session holds it or there is no connection.
   */
  async holdLock(lockId: number): Promise<boolean> {
    if (this.locks.has(lockId)) return true;
    const client = this.client;
    if (!client) return false;
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [lockId],
    );
    const locked = rows[0].locked && this.client === client;
    if (locked) this.locks.add(lockId);
    return locked;
  }

  /** A statement on this connection, prepared once under `name`; throws when there is none. */
  async query<R extends QueryResultRow>(
    name: string,
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> {
    if (!this.client) throw new Error(`no connection (LISTEN ${this.channel})`);
    return (await this.client.query<R>({ name, text, values })).rows;
  }

  /** Before the pool ends: TypeORM waits for every client, this one included. */
  stop(): void {
    this.stopped = true;
    this.client?.release(true);
    this.client = undefined;
    this.locks.clear();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const client = await pool.connect();
    client.on('notification', () => this.onNotify());
    client.on('error', (error) => {
      this.logger.warn(`connection lost: ${error.message}; reconnecting`);
      if (this.client === client) {
        this.client = undefined;
        this.locks.clear();
      }
      client.release(true);
      this.retrySoon();
    });
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    // What was committed while no one listened.
    this.onNotify();
  }

  private retrySoon(): void {
    if (this.stopped) return;
    setTimeout(
      () =>
        void this.connect().catch((error: unknown) => {
          this.logger.warn(`failed again: ${String(error)}`);
          this.retrySoon();
        }),
      1000,
    ).unref();
  }
}
