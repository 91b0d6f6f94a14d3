import { AgreementEvents } from '@concord/contracts';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  PublishedEvents,
  secondsFromNow,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';
import { agreementTerms, programme, signBoth } from './support/fixtures';

const AGREEMENTS = 8;

describe('the agreement scheduler with two instances on one database', () => {
  let first: ServiceProcess;
  let second: ServiceProcess;
  let events: PublishedEvents;
  let admin: Api;

  beforeAll(async () => {
    const env = { AGREEMENTS_SCHEDULER_INTERVAL_MS: '100' };
    [first, events] = await Promise.all([startAgreementsService(env), PublishedEvents.start()]);
    second = await startAgreementsService(env, first.env.DATABASE_URL);
    admin = new Api(first, await devToken('admin'));
  });

  afterAll(async () => {
    await events?.stop();
    await stopAgreementsService(...[first, second].filter(Boolean));
  });

  /**
   * A draft the scheduler expires a second later than `end`, after the agreements a test counts:
   * once its expiry is read, and everything published before it, a duplicate of theirs would
   * have been read too.
   */
  async function expireMarkerAfter(end: string): Promise<void> {
    const { initiativeId, partnerId } = await programme(admin);
    const marker = await admin.expect(201, 'POST', '/agreements', {
      ...agreementTerms(initiativeId, partnerId),
      effectiveTo: new Date(Math.max(Date.parse(end), Date.now()) + 1_000).toISOString(),
    });
    await events.waitFor(marker.id, AgreementEvents.expired.type);
    await events.caughtUp();
  }

  it('activates, announces and expires each agreement exactly once', async () => {
    const programmes = [];
    for (let i = 0; i < AGREEMENTS; i += 1) programmes.push(await programme(admin));
    const [start, end] = [secondsFromNow(3), secondsFromNow(6)];
    const ids: string[] = [];
    for (const { initiativeId, partnerId } of programmes) {
      const agreement = await admin.expect(201, 'POST', '/agreements', {
        ...agreementTerms(initiativeId, partnerId),
        effectiveFrom: start,
        effectiveTo: end,
      });
      expect((await signBoth(admin, agreement.id)).status).toBe('draft');
      ids.push(agreement.id);
    }

    for (const id of ids) await events.waitFor(id, AgreementEvents.expired.type);
    await expireMarkerAfter(end);

    for (const id of ids) {
      expect(events.of(id).map((event) => event.type)).toEqual([
        AgreementEvents.activated.type,
        AgreementEvents.expiring.type,
        AgreementEvents.expired.type,
      ]);
    }
  });

  it("records the scheduler's activation and expiry in the status history once each, as changed by the scheduler", async () => {
    const { initiativeId, partnerId } = await programme(admin);
    const agreement = await admin.expect(201, 'POST', '/agreements', {
      ...agreementTerms(initiativeId, partnerId),
      effectiveFrom: secondsFromNow(2),
      effectiveTo: secondsFromNow(4),
    });
    expect((await signBoth(admin, agreement.id)).status).toBe('draft');

    const [activated] = await events.waitFor(agreement.id, AgreementEvents.activated.type);
    const [expired] = await events.waitFor(agreement.id, AgreementEvents.expired.type);
    await expireMarkerAfter(agreement.effectiveTo);

    const read = await admin.expect(200, 'GET', `/agreements/${agreement.id}`);
    expect(read.statusHistory).toEqual([
      {
        status: 'draft',
        previousStatus: null,
        reason: null,
        changedAt: agreement.createdAt,
        changedBy: 'test-admin',
      },
      {
        status: 'active',
        previousStatus: 'draft',
        reason: null,
        changedAt: expect.any(String),
        changedBy: 'scheduler',
      },
      {
        status: 'expired',
        previousStatus: 'active',
        reason: null,
        changedAt: read.statusChangedAt,
        changedBy: 'scheduler',
      },
    ]);
    const activatedAt = Date.parse(read.statusHistory[1].changedAt);
    expect(activatedAt).toBeGreaterThanOrEqual(Date.parse(agreement.effectiveFrom));
    expect(activatedAt).toBeLessThanOrEqual(Date.parse(activated.time));
    expect(Date.parse(read.statusChangedAt)).toBeLessThanOrEqual(Date.parse(expired.time));
  });

  it('expires, once, a draft whose end passes before both parties signed it, and announces only that', async () => {
    const { initiativeId, partnerId } = await programme(admin);
    const terms = agreementTerms(initiativeId, partnerId);
    const halfSigned = await admin.expect(201, 'POST', '/agreements', {
      ...terms,
      effectiveTo: secondsFromNow(2),
    });
    await admin.expect(201, 'POST', `/agreements/${halfSigned.id}/signatures`, {
      party: 'partner',
      name: 'Sam Poe',
      title: 'Executive Director',
    });
    const unsigned = await admin.expect(201, 'POST', '/agreements', {
      ...terms,
      categories: ['welfare-check'],
      effectiveTo: secondsFromNow(2),
    });

    for (const draft of [halfSigned, unsigned]) {
      const [expired] = await events.waitFor(draft.id, AgreementEvents.expired.type);
      expect(expired.data).toMatchObject({ status: 'expired', effectiveTo: draft.effectiveTo });
      expect(Date.parse(expired.time)).toBeGreaterThanOrEqual(Date.parse(draft.effectiveTo));
    }
    await expireMarkerAfter(unsigned.effectiveTo);

    for (const draft of [halfSigned, unsigned]) {
      expect(events.of(draft.id).map((event) => event.type)).toEqual([
        AgreementEvents.expired.type,
      ]);
      const read = await admin.expect(200, 'GET', `/agreements/${draft.id}`);
      expect(read).toMatchObject({ status: 'expired' });
      expect(read.statusHistory).toMatchObject([
        { status: 'draft', previousStatus: null, changedBy: 'test-admin' },
        { status: 'expired', previousStatus: 'draft', changedBy: 'scheduler' },
      ]);
    }
  });
});
