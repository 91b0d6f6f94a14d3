import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Notification } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '@concord/auth';
import { ConsoleConfig } from '../console.config';
import { CHANGE_LOG_RETENTION_MS, CHANGES_CHANNEL } from './referral-changes.projection';

/** One referral changed: all a browser is told. It then re-reads the referral over the API. */
export interface ChangeNotice {
  readonly seq: string;
  readonly referralId: string;
  /** When the event happened, so that the browser can tell how long the news took. */
  readonly occurredAt: string;
}

export interface Viewer {
  readonly role: Role;
  readonly organizationId: string | null;
}

interface ChangeRow {
  seq: string;
  referral_id: string;
  agency_id: string | null;
  partner_ids: string[];
  occurred_at: Date;
}

/**
 * Who hears of a change: an administrator of every referral, dispatch of its agency's, a
 * partner of those offered to it. Auditors do not read referrals, so they hear of none.
 */
export function maySee(viewer: Viewer, change: Pick<ChangeRow, 'agency_id' | 'partner_ids'>) {
  switch (viewer.role) {
    case 'admin':
      return true;
    case 'dispatcher':
      return viewer.organizationId !== null && change.agency_id === viewer.organizationId;
    case 'partner':
      return viewer.organizationId !== null && change.partner_ids.includes(viewer.organizationId);
    default:
      return false;
  }
}

const noticeOf = (row: ChangeRow): ChangeNotice => ({
  seq: String(row.seq),
  referralId: row.referral_id,
  occurredAt: row.occurred_at.toISOString(),
});

const BATCH = 500;
const RECONNECT_MS = 1_000;
const PURGE_EVERY_MS = 60 * 60_000;

type Listener = (notice: ChangeNotice) => void;

/**
 * The changes this console instance passes to its browsers. Whichever instance's consumer
 * recorded a change, PostgreSQL's NOTIFY tells every instance, which reads the new rows in order;
 * so a browser hears of every change of its referrals whichever instance it is connected to.
 */
@Injectable()
export class ReferralChangeFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReferralChangeFeed.name);
  private readonly listeners = new Map<Listener, Viewer>();
  private connection?: Client;
  private lastSeq = '0';
  private draining?: Promise<void>;
  private drainAgain = false;
  private stopped = false;
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConsoleConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const [row] = (await this.dataSource.query(
      `SELECT COALESCE(MAX(seq), 0)::text AS seq FROM console_referral_changes`,
    )) as { seq: string }[];
    this.lastSeq = row?.seq ?? '0';
    await this.listen();
    this.purgeTimer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
    this.purgeTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.purgeTimer);
    await this.connection?.end().catch(() => undefined);
  }

  /** Calls `listener` with every new change `viewer` may see, until the returned function. */
  subscribe(viewer: Viewer, listener: Listener): () => void {
    this.listeners.set(listener, viewer);
    return () => this.listeners.delete(listener);
  }

  /**
   * The changes after `seq` that `viewer` may see, oldest first; `complete` is false when some
   * of them are no longer kept (or there are too many), and the browser should re-read all.
   */
  async since(
    viewer: Viewer,
    seq: string,
  ): Promise<{ notices: ChangeNotice[]; complete: boolean }> {
    const rows = (await this.dataSource.query(
      `SELECT seq, referral_id, agency_id, partner_ids, occurred_at FROM console_referral_changes
       WHERE seq > $1 ORDER BY seq LIMIT ${BATCH * 10}`,
      [seq],
    )) as ChangeRow[];
    const [oldest] = (await this.dataSource.query(
      `SELECT MIN(seq)::text AS seq FROM console_referral_changes`,
    )) as { seq: string | null }[];
    const gap =
      oldest?.seq !== null && oldest?.seq !== undefined && BigInt(oldest.seq) > BigInt(seq) + 1n;
    return {
      notices: rows.filter((row) => maySee(viewer, row)).map(noticeOf),
      complete: !gap && rows.length < BATCH * 10,
    };
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const connection = new Client({ connectionString: this.config.DATABASE_URL });
    connection.on('notification', (_message: Notification) => this.drain());
    connection.on('error', (error) => {
      this.logger.warn(
        `the change feed lost its database connection (${error.message}); reconnecting`,
      );
      this.connection = undefined;
      connection.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), RECONNECT_MS).unref();
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.connection = connection;
      this.drain();
    } catch (error) {
      this.logger.warn(`the change feed cannot listen (${(error as Error).message}); retrying`);
      await connection.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), RECONNECT_MS).unref();
    }
  }

  /** Reads every change after the last one passed on, one drain at a time. */
  private drain(): void {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        let rows: ChangeRow[];
        do {
          rows = (await this.dataSource.query(
            `SELECT seq, referral_id, agency_id, partner_ids, occurred_at
             FROM console_referral_changes WHERE seq > $1 ORDER BY seq LIMIT ${BATCH}`,
            [this.lastSeq],
          )) as ChangeRow[];
          for (const row of rows) {
            this.lastSeq = String(row.seq);
            const notice = noticeOf(row);
            for (const [listener, viewer] of this.listeners) {
              if (maySee(viewer, row)) listener(notice);
            }
          }
        } while (rows.length === BATCH);
      } while (this.drainAgain);
    })()
      .catch((error: Error) => this.logger.warn(`reading changes failed: ${error.message}`))
      .finally(() => (this.draining = undefined));
  }

  private async purge(): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM console_referral_changes WHERE recorded_at < $1`, [
        new Date(Date.now() - CHANGE_LOG_RETENTION_MS),
      ])
      .catch((error: Error) => this.logger.warn(`purging old changes failed: ${error.message}`));
  }
}
