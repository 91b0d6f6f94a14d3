import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { eventually } from './eventually';

export interface ServiceProcessOptions {
  /** The repository's root: the working directory, and what `script` is relative to. */
  readonly root: string;
  /** The entry point, e.g. scriptOf('referrals'). */
  readonly script: string;
  /** The process's whole environment besides PATH; HTTP_PORT gives its address. */
  readonly env: Record<string, string>;
  /** Named in errors and logs; the script unless given. */
  readonly name?: string;
  /** Where its output goes (appended); kept in `output` when none is given. */
  readonly logFile?: string;
  /** Node's own options, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** The script's arguments, e.g. `migrate`. */
  readonly args?: readonly string[];
  /** How long startHealthy waits for GET /health to answer 200: a minute unless given. */
  readonly healthyWithinMs?: number;
  /** How long stop waits after SIGTERM before SIGKILL: 10 s unless given. */
  readonly stopGraceMs?: number;
}

/**
 * A Concord app started from dist/ as its own OS process, the way production runs it: the one
 * harness of the tests, the benchmark, the chaos run and the demo.
 */
export class ServiceProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private log?: WriteStream;
  /** What it printed, when it has no log file. */
  output = '';
  exitCode: number | null = null;

  constructor(private readonly options: ServiceProcessOptions) {}

  get name(): string {
    return this.options.name ?? this.options.script;
  }

  get env(): Record<string, string> {
    return this.options.env;
  }

  get port(): number {
    return Number(this.options.env.HTTP_PORT);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.exitCode === null;
  }

  start(): this {
    const { root, script, env, logFile, nodeArgs = [], args = [] } = this.options;
    this.exitCode = null;
    const child = spawn(process.execPath, [...nodeArgs, resolve(root, script), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (logFile) {
      this.log ??= createWriteStream(logFile, { flags: 'a' });
      child.stdout?.pipe(this.log, { end: false });
      child.stderr?.pipe(this.log, { end: false });
    } else {
      child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    }
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

  /** Starts the process and waits until GET /health answers 200; fails early if it exits. */
  async startHealthy(timeoutMs = this.options.healthyWithinMs ?? 60_000): Promise<this> {
    this.start();
    await this.waitHealthy(timeoutMs);
    return this;
  }

  async waitHealthy(timeoutMs = this.options.healthyWithinMs ?? 60_000): Promise<void> {
    await eventually(
      `${this.name} to report healthy`,
      async () => {
        if (this.exitCode !== null) {
          const where = this.options.logFile ? `see ${this.options.logFile}` : this.output;
          throw new Error(`${this.name} exited ${this.exitCode}:\n${where}`);
        }
        return (await fetch(`${this.url}/health`).catch(() => undefined))?.status === 200;
      },
      timeoutMs,
    );
  }

  /** Waits for the process to end on its own; returns its exit code. */
  async waitForExit(timeoutMs = 30_000): Promise<number | null> {
    await eventually(`${this.name} to exit`, async () => this.exitCode !== null, timeoutMs);
    return this.exitCode;
  }

  /** kill -9: no shutdown hooks, no flushing, like a power cut. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if it has not ended after `graceMs`. */
  async stop(graceMs = this.options.stopGraceMs ?? 10_000): Promise<void> {
    if (!this.running) return;
    this.child?.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Closes its log file, once it will not be started again. */
  close(): void {
    this.log?.end();
  }
}
