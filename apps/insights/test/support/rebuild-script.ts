import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { KAFKA_BROKERS } from '../../../../test/support/infrastructure';
import { ROOT, ServiceProcess } from '../../../../test/support/service-process';

const REBUILD_SCRIPT = resolve(ROOT, 'dist/scripts/insights-rebuild.js');

export interface RebuildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built rebuild script against the service's database and consumer group. */
export function rebuild(service: ServiceProcess, args: string[]): Promise<RebuildRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [REBUILD_SCRIPT, ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: service.env.DATABASE_URL,
        KAFKA_BROKERS,
        KAFKA_GROUP_ID: service.env.KAFKA_GROUP_ID,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: RebuildRun = { code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ ...run, code }));
  });
}
