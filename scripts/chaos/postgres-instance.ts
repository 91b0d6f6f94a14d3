import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
const BIN = process.env.CHAOS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
/** initdb and pg_ctl refuse to run as root; the cluster belongs to this OS user. */
const OS_USER = process.env.CHAOS_PG_OS_USER ?? 'postgres';

/**
 * A PostgreSQL cluster of chaos's own (initdb into a cache folder, trust auth), so that chaos can
 * restart it without touching the server everyone else uses.
 */
export class PostgresInstance {
  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}`;
  }

  private pgCtl(...args: string[]): Promise<{ stdout: string }> {
    const asUser = process.getuid?.() === 0 ? ['runuser', '-u', OS_USER, '--'] : [];
    const [command, ...rest] = [...asUser, join(BIN, 'pg_ctl'), ...args];
    return run(command, rest, { timeout: 120_000 });
  }

  private async asOwner(command: string, args: string[]): Promise<void> {
    const asUser = process.getuid?.() === 0 ? ['runuser', '-u', OS_USER, '--'] : [];
    const [first, ...rest] = [...asUser, command, ...args];
    await run(first, rest, { timeout: 120_000 });
  }

  /** Creates the cluster on first use, then starts it; waits until it accepts connections. */
  async start(): Promise<void> {
    if (!existsSync(join(this.dataDir, 'PG_VERSION'))) {
      mkdirSync(this.dataDir, { recursive: true });
      if (process.getuid?.() === 0) await run('chown', [OS_USER, this.dataDir]);
      await this.asOwner(join(BIN, 'initdb'), [
        '-D',
        this.dataDir,
        '-A',
        'trust',
        '-U',
        'postgres',
        '--no-sync',
      ]);
    }
    if (await this.running()) return;
    await this.pgCtl(...this.startArgs());
  }

  private startArgs(): string[] {
    return [
      'start',
      '-w',
      '-D',
      this.dataDir,
      '-l',
      join(this.dataDir, 'server.log'),
      '-o',
      `-p ${this.port} -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on`,
    ];
  }

  async running(): Promise<boolean> {
    return this.pgCtl('status', '-D', this.dataDir).then(
      () => true,
      () => false,
    );
  }

  /** Stops the server like a crash (immediate: no checkpoint, clients cut off). */
  async crash(): Promise<void> {
    await this.pgCtl('stop', '-w', '-m', 'immediate', '-D', this.dataDir);
  }

  async restartAfterCrash(): Promise<void> {
    await this.pgCtl(...this.startArgs());
  }

  async stop(): Promise<void> {
    if (await this.running()) await this.pgCtl('stop', '-w', '-m', 'fast', '-D', this.dataDir);
  }

  /** Drops and creates each database, so that a run starts empty. */
  async recreateDatabases(names: readonly string[]): Promise<void> {
    const client = new Client({ connectionString: `${this.url}/postgres` });
    await client.connect();
    try {
      for (const name of names) {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${name}`);
      }
    } finally {
      await client.end();
    }
  }

  async query<R>(database: string, sql: string, params: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: `${this.url}/${database}` });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as R[];
    } finally {
      await client.end();
    }
  }
}
