import { randomUUID } from 'node:crypto';
import { HandOffSystem } from '../support/hand-off-system';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
} from '../support/infrastructure';
import { ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

/**
 * A consumer group that is new on a broker that already holds history starts at the beginning of
 * every topic (docs/architecture.md, "Where a new consumer group starts"): a referrals service
 * that comes up after the programme was set up learns its routing directory from the history.
 */
describe('a new consumer group on a broker with history', () => {
  let system: HandOffSystem;
  let late: ServiceProcess | undefined;
  let lateDatabase: string | undefined;

  beforeAll(async () => {
    system = await HandOffSystem.start();
  });

  afterAll(async () => {
    await late?.stop();
    if (lateDatabase) await dropTestDatabase(lateDatabase);
    await system?.stop();
  });

  it('replays the partners and agreements published before it started into its projection', async () => {
    const agencyId = await system.agency();
    const partnerId = await system.partner({ name: `Partner ${randomUUID().slice(0, 6)}` });
    const initiativeId = await system.initiative(agencyId, [partnerId]);
    const agreementId = await system.agreementInForce(initiativeId, { partnerId });

    lateDatabase = await createTestDatabase('late_referrals');
    late = await new ServiceProcess(scriptOf('referrals'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: lateDatabase,
    }).startHealthy();

    await eventually(`the late referrals service to know agreement ${agreementId}`, async () => {
      const { body } = await system.call(
        late as ServiceProcess,
        'GET',
        `/routing/agreements/${agreementId}`,
        {
          role: 'admin',
        },
      );
      return body.status === 'active' && body.partnerKnown === true;
    });
  });
});
