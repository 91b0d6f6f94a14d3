import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { StuckReferralsView } from '../src/stuck/stuck-referral.view';
import {
  after,
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { CRISIS, Programme, ReferralScript } from './support/scenario';

const MINUTE = 60;

describe('stuck referrals', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  const programme = new Programme();
  const [partner] = programme.partners;
  const now = Date.now();
  const referral = (minutesAgo: number) =>
    new ReferralScript(publisher, programme, CRISIS, new Date(now - minutesAgo * 60_000));
  const scripts: Record<string, ReferralScript> = {};

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([
      startInsightsService({
        INSIGHTS_STUCK_OFFER_GRACE_MINUTES: '2',
        INSIGHTS_STUCK_UNASSIGNED_MINUTES: '15',
        INSIGHTS_STUCK_NO_CONTACT_HOURS: '1',
      }),
      EventPublisher.connect(),
    ]);
    admin = new InsightsApi(insights, await devToken('admin'));
    const plays: [string, number, (script: ReferralScript) => Promise<unknown>][] = [
      // Offered 39 minutes ago, to accept within 29: 10 minutes past the deadline.
      ['overdueOffer', 40, (r) => r.assign(MINUTE, partner, 29 * MINUTE)],
      // 1 minute past the deadline: within the 2 minutes' grace.
      ['offerInGrace', 40, (r) => r.assign(MINUTE, partner, 38 * MINUTE)],
      [
        'acceptedLongAgo',
        180,
        async (r) => (await r.assign(MINUTE, partner), r.accept(60 * MINUTE, partner)),
      ],
      [
        'acceptedRecently',
        180,
        async (r) => (await r.assign(MINUTE, partner), r.accept(150 * MINUTE, partner)),
      ],
      ['waitingLong', 30, async () => undefined],
      ['waitingBriefly', 5, async () => undefined],
      [
        'completedLongAgo',
        600,
        async (r) => {
          await r.assign(MINUTE, partner);
          await r.accept(2 * MINUTE, partner);
          await r.complete(3 * MINUTE, partner, 'successful');
        },
      ],
    ];
    for (const [name, minutesAgo, play] of plays) {
      scripts[name] = referral(minutesAgo);
      await scripts[name].submit();
      await play(scripts[name]);
    }
    await untilRecorded(insights, publisher.published);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const stuck = (query: string) =>
    admin.expect<StuckReferralsView>(
      200,
      `/referrals/stuck?agencyId=${programme.agencyId}&${query}`,
    );

  it('lists an offer past its deadline plus the grace, with since when and for how long; not one within the grace', async () => {
    const answer = await stuck('state=offered');
    const overdue = scripts.overdueOffer;
    const offeredAt = after(overdue.submittedAt, MINUTE);
    const acceptBy = after(offeredAt, 29 * MINUTE);
    expect(answer.total).toBe(1);
    expect(answer.referrals).toEqual([
      expect.objectContaining({
        referralId: overdue.id,
        agencyId: programme.agencyId,
        initiativeId: programme.initiativeId,
        partnerId: partner.id,
        state: 'offered',
        rule: 'offer-past-deadline',
        since: offeredAt.toISOString(),
        acceptBy: acceptBy.toISOString(),
        stuckSince: after(acceptBy, 2 * MINUTE).toISOString(),
      }),
    ]);
    const [listed] = answer.referrals;
    const asOf = Date.parse(answer.asOf);
    expect(listed.inStateSeconds).toBe(Math.floor((asOf - offeredAt.getTime()) / 1000));
    expect(listed.overdueSeconds).toBe(Math.floor((asOf - acceptBy.getTime()) / 1000) - 2 * MINUTE);
  });

  it('lists a referral awaiting assignment for longer than INSIGHTS_STUCK_UNASSIGNED_MINUTES only', async () => {
    const answer = await stuck('state=awaiting-assignment');
    expect(answer.referrals.map((entry) => [entry.referralId, entry.rule])).toEqual([
      [scripts.waitingLong.id, 'no-assignment'],
    ]);
    expect(answer.referrals[0].since).toBe(scripts.waitingLong.submittedAt.toISOString());
  });

  it('lists every referral in the state, overdue or not, with overdueOnly=false', async () => {
    const answer = await stuck('state=awaiting-assignment&overdueOnly=false');
    expect(answer.referrals.map((entry) => entry.referralId)).toEqual([
      scripts.waitingLong.id,
      scripts.waitingBriefly.id,
    ]);
    expect(answer.referrals[1].overdueSeconds).toBeLessThan(0);
    await admin.expect(400, `/referrals/stuck?overdueOnly=maybe`);
  });

  it('lists an accepted referral without contact for longer than INSIGHTS_STUCK_NO_CONTACT_HOURS only', async () => {
    const answer = await stuck('state=accepted');
    expect(answer.referrals.map((entry) => [entry.referralId, entry.rule])).toEqual([
      [scripts.acceptedLongAgo.id, 'no-contact'],
    ]);
  });

  it('lists nothing completed, and every stuck referral of the agency longest overdue first', async () => {
    const answer = await stuck('');
    expect(answer.referrals.map((entry) => entry.referralId)).toEqual([
      scripts.acceptedLongAgo.id, // stuck since 60 minutes ago
      scripts.waitingLong.id, // 15 minutes ago
      scripts.overdueOffer.id, // 8 minutes ago
    ]);
    expect(answer.rules).toEqual({
      offerGraceMinutes: 2,
      unassignedMinutes: 15,
      noContactHours: 1,
      noOutcomeDays: 14,
    });
  });

  it('is for admins only', async () => {
    const auditor = new InsightsApi(insights, await devToken('auditor'));
    expect((await auditor.get('/referrals/stuck')).status).toBe(403);
  });
});
