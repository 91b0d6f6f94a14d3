import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from './poll';

export const SERVICES = [
  'referrals',
  'agreements',
  'funding',
  'notifications',
  'insights',
] as const;
export type Service = (typeof SERVICES)[number];

/** One instance of a service, started from dist/ as its own OS process; its output goes to a log file. */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private log?: WriteStream;

  constructor(
    readonly service: Service,
    readonly instance: number,
    readonly port: number,
    private readonly root: string,
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get name(): string {
    return `${this.service}#${this.instance}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  start(): this {
    this.log ??= createWriteStream(join(this.logDir, `${this.service}-${this.instance}.log`), {
      flags: 'a',
    });
    const child = spawn(
      process.execPath,
      [join(this.root, `dist/apps/${this.service}/src/main.js`)],
      {
        cwd: this.root,
        env: { ...this.env, HTTP_PORT: String(this.port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    this.exited = new Promise((done) => child.on('exit', () => done()));
    this.child = child;
    return this;
  }

  /** Starts the process and waits until GET /health answers 200. */
  async startHealthy(timeoutMs = 120_000): Promise<void> {
    this.start();
    await pollUntil(`${this.name} to report healthy`, timeoutMs, async () => {
      if (!this.running) throw new Error(`${this.name} exited; see its log in ${this.logDir}`);
      const answer = await fetch(`${this.url}/health`).catch(() => undefined);
      return answer?.status === 200;
    });
  }

  /** kill -9: no shutdown hooks, no flushing, like a power cut. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }

  close(): void {
    this.log?.end();
  }
}
