import { eventually, query } from '../support/infrastructure';
import { ProbePair } from '../support/probe';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';

describe('a publisher killed with SIGKILL after its commit, before the relay published', () => {
  let probes: ProbePair;

  beforeAll(async () => {
    probes = await ProbePair.create({ PROBE_CRASH_AFTER_COMMIT: 'true' });
    await Promise.all([probes.pinger.startHealthy(), probes.ponger.startHealthy()]);
  });

  afterAll(() => probes.dispose());

  it('still has its event delivered once it is back', async () => {
    await expect(probes.ping(0, 1, { token: await devToken('admin') })).rejects.toThrow();
    await probes.pinger.waitForExit();
    expect(probes.pinger.exitCode).toBe(137);

    const left = await query<{ count: string }>(
      probes.pinger.env.DATABASE_URL,
      `SELECT count(*) FROM outbox_messages`,
    );
    expect(Number(left[0].count)).toBe(1);

    probes.pinger.env.PROBE_CRASH_AFTER_COMMIT = 'false';
    await probes.pinger.startHealthy();
    await eventually('the ping to be handled', async () => {
      return (await probes.effects(probes.ponger, PINGED)).length === 1;
    });
    const outbox = await query<{ count: string }>(
      probes.pinger.env.DATABASE_URL,
      `SELECT count(*) FROM outbox_messages`,
    );
    expect(Number(outbox[0].count)).toBe(0);
  });
});
