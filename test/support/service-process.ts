import { ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { eventually, KAFKA_BROKERS } from './infrastructure';

export const ROOT = resolve(__dirname, '../..');
export const DEV_PUBLIC_KEY = resolve(ROOT, '.cache/dev-keys/dev-public.pem');
export const DEV_PRIVATE_KEY = resolve(ROOT, '.cache/dev-keys/dev-private.pem');

const groupFor = (script: string, databaseUrl: string): string =>
  `${basename(dirname(dirname(script)))}-${databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1)}`;

/** A service started from dist/ as a separate OS process, the way production runs it. */
export class ServiceProcess {
  private child?: ChildProcess;
  output = '';
  exitCode: number | null = null;
  private exited?: Promise<void>;

  constructor(
    readonly script: string,
    readonly env: Record<string, string>,
  ) {}

  get port(): number {
    return Number(this.env.HTTP_PORT);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): this {
    this.exitCode = null;
    const child = spawn(process.execPath, [resolve(ROOT, this.script)], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        KAFKA_BROKERS,
        HTTP_HOST: '127.0.0.1',
        AUTH_PUBLIC_KEY_FILE: DEV_PUBLIC_KEY,
        LOG_LEVEL: 'warn',
        KAFKAJS_NO_PARTITIONER_WARNING: '1',
        // Tests make many calls with one token; the limiter has tests of its own.
        RATE_LIMIT_PER_MINUTE: '1000000',
        // One consumer group per test database: processes of different tests (or of two test
        // runs at once) never split one group's partitions, and a restart resumes its own group.
        ...(this.env.DATABASE_URL
          ? { KAFKA_GROUP_ID: groupFor(this.script, this.env.DATABASE_URL) }
          : {}),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) =>
      child.on('exit', (code, signal) => {
        // A process ended by a signal exits with 128 + the signal's number, as a shell reports it.
        this.exitCode = code ?? (signal ? 128 + constants.signals[signal] : null);
        done();
      }),
    );
    this.child = child;
    return this;
  }

  /** Starts the process and waits until its health endpoint answers 200. */
  async startHealthy(timeoutMs = 60_000): Promise<this> {
    this.start();
    await eventually(
      `${this.script} to report healthy`,
      async () => {
        if (this.exitCode !== null)
          throw new Error(`${this.script} exited ${this.exitCode}:\n${this.output}`);
        return (await fetch(`${this.url}/health`).catch(() => undefined))?.status === 200;
      },
      timeoutMs,
    );
    return this;
  }

  /** Waits for the process to end on its own; returns its exit code. */
  async waitForExit(timeoutMs = 30_000): Promise<number | null> {
    await eventually(`${this.script} to exit`, async () => this.exitCode !== null, timeoutMs);
    return this.exitCode;
  }

  /** kill -9: no shutdown hooks, no flushing, like a power cut. */
  async kill9(): Promise<void> {
    if (this.child && this.exitCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  async stop(): Promise<void> {
    if (this.child && this.exitCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
      await this.exited;
      clearTimeout(timer);
    }
  }
}
