import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConcordSystem } from '../support/concord-system';
import { parsePrometheusText } from '../support/prometheus-text';
import { ROOT } from '../support/service-process';

/** The bash block that follows the walkthrough marker in README.md. */
function walkthrough(): string {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:[^>]*-->\s*```bash\n([\s\S]*?)```/.exec(readme);
  if (!block) throw new Error('README.md has no walkthrough block');
  return block[1];
}

/** Whether a service's consumer group has read everything on its topics (its /metrics say so). */
async function caughtUp(url: string): Promise<true | undefined> {
  const families = parsePrometheusText(await (await fetch(`${url}/metrics`)).text());
  const lag = families.get('concord_consumer_lag')?.samples ?? [];
  return lag.length > 0 && lag.every((sample) => sample.value === 0) ? true : undefined;
}

describe("the README's walkthrough", () => {
  // Freshly started consumers first read every topic from the beginning: late in a suite run that
  // is the history of every earlier test, which the walkthrough's own waits are not meant for.
  jest.setTimeout(360_000);
  let system: ConcordSystem;

  beforeAll(async () => {
    system = await ConcordSystem.start({ services: ['agreements', 'referrals', 'funding'] });
    for (const service of ['referrals', 'funding'] as const) {
      await system.client.until(
        `${service} to catch up with its topics`,
        () => caughtUp(system.processes[service].url),
        240_000,
      );
    }
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('takes a referral from dispatch to a completed, funded outcome when pasted into bash', () => {
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', walkthrough()], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        A: system.processes.agreements.url,
        R: system.processes.referrals.url,
        F: system.processes.funding.url,
      },
      encoding: 'utf8',
      timeout: 90_000,
    });
    // On failure, show what bash said.
    expect({ status: run.status, failure: run.status === 0 ? '' : run.stderr }).toEqual({
      status: 0,
      failure: '',
    });
    const [signed, queue, ...steps] = run.stdout.trim().split('\n');
    expect(signed).toBe('active');
    expect(steps.slice(0, 3)).toEqual(['accepted', 'in-progress', 'completed']);
    // The accepted case is charged to the partner's budget.
    expect(steps[4]).toBe('30000');
    // The partner's queue shows the fields its agreement shares, and not the narrative.
    expect(queue).toContain('"name":"Jordan Reyes"');
    expect(queue).not.toContain('has not slept');
  });
});
