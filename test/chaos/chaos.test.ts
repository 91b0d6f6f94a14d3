import { resolve } from 'node:path';
import { ChaosRun } from '../../scripts/chaos/chaos-run';
import { SCENARIOS } from '../../scripts/chaos/faults';
import { SCENARIO_NAMES } from '../../scripts/chaos/scenario-names';
import { chaosSettings } from '../../scripts/chaos/settings';

/**
 * The short version of `npm run chaos`: every scenario with fewer referrals, on the chaos system
 * (its own broker, PostgreSQL cluster and service processes, so nothing here disturbs other
 * suites). Each scenario proves that every referral dispatch got a 201 for ends in exactly one
 * consistent state in every service.
 */
describe('chaos: faults under load', () => {
  const settings = chaosSettings({
    CHAOS_REFERRALS_PER_SCENARIO: '60',
    CHAOS_RATE: '10',
    ...process.env,
  });
  const run = new ChaosRun(resolve(__dirname, '../..'), settings, () => undefined);

  beforeAll(() => run.setUp(), 600_000);
  afterAll(() => run.tearDown(), 120_000);

  for (const name of SCENARIO_NAMES) {
    const scenario = SCENARIOS[name];
    it(
      scenario.property,
      async () => {
        const result = await run.play(scenario);
        expect({
          lost: result.lost,
          duplicated: result.duplicated,
          inconsistent: result.inconsistent,
          reconciled: result.reconciled,
          problems: result.problems,
          kpiFinding: result.kpiFinding,
        }).toEqual({
          lost: 0,
          duplicated: 0,
          inconsistent: 0,
          reconciled: result.acknowledged,
          problems: [],
          kpiFinding: null,
        });
        expect(result.acknowledged).toBeGreaterThan(0);
        if (result.poison) expect(result.poison.deadLettered).toBe(result.poison.injected);
      },
      900_000,
    );
  }

  it('after the last scenario, the referrals of every scenario still reconcile: nothing lost or doubled late', async () => {
    expect(await run.recheck()).toEqual([]);
  });
});
