import { eventually, query } from '../support/infrastructure';
import { ProbePair } from '../support/probe';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';
const TOTAL = 1000;

describe('a consumer killed with SIGKILL while events flow', () => {
  let probes: ProbePair;

  beforeAll(async () => {
    probes = await ProbePair.create();
    await Promise.all([probes.pinger.startHealthy(), probes.ponger.startHealthy()]);
  });

  afterAll(() => probes.dispose());

  it('has the effect of each of 1,000 events exactly once after it restarts', async () => {
    const token = await devToken('admin');
    const publishing = (async () => {
      for (let first = 0; first < TOTAL; first += 100) {
        await probes.ping(first, 100, { token });
      }
    })();

    await eventually('the consumer to be part-way through', async () => {
      const handled = (await probes.effects(probes.ponger, PINGED)).length;
      return handled >= 150;
    });
    await probes.ponger.kill9();
    const handledBeforeKill = (await probes.effects(probes.ponger, PINGED)).length;
    await publishing;
    await probes.ponger.startHealthy();

    await eventually(
      `all ${TOTAL} pings handled`,
      async () => (await probes.effects(probes.ponger, PINGED)).length >= TOTAL,
      120_000,
    );
    // A ping handled after all of them: any redelivered duplicate was handled before it.
    await probes.marker(TOTAL, probes.ponger, PINGED, token);

    const [{ rows, distinct }] = await query<{ rows: string; distinct: string }>(
      probes.ponger.env.DATABASE_URL,
      `SELECT count(*) AS rows, count(DISTINCT sequence) AS distinct
         FROM probe_effects WHERE type = $1 AND sequence < $2`,
      [PINGED, TOTAL],
    );
    expect(handledBeforeKill).toBeLessThan(TOTAL);
    expect(Number(distinct)).toBe(TOTAL);
    expect(Number(rows)).toBe(TOTAL);
  });
});
