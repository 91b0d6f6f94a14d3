import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { KpiReport } from '../src/kpis/kpi-report';
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

/**
 * The saga's open edge: a partner accepts an offer before funding's rejection of its reservation
 * arrives. The referrals service keeps the acceptance (the rejection finds no open offer to take
 * back) and funding has nothing to charge, so the case goes on without money. The events are
 * published in that order, the rejection caused by the offer as funding publishes it.
 */
describe('unfunded cases', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  const programme = new Programme();
  const [partner, other] = programme.partners;
  const submittedAt = new Date(Date.now() - 30 * 60_000);
  const scripts: Record<string, ReferralScript> = {};
  const referral = (name: string) => {
    scripts[name] = new ReferralScript(publisher, programme, CRISIS, submittedAt);
    return scripts[name];
  };

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));

    const unfunded = referral('unfunded');
    await unfunded.submit();
    const offer = await unfunded.assign(MINUTE, partner);
    await unfunded.accept(2 * MINUTE, partner);
    await unfunded.rejectReservation(3 * MINUTE, partner, offer);

    const contacted = referral('unfundedInProgress');
    await contacted.submit();
    const contactedOffer = await contacted.assign(MINUTE, partner);
    await contacted.accept(2 * MINUTE, partner);
    await contacted.rejectReservation(2 * MINUTE + 5, partner, contactedOffer);
    await contacted.contact(4 * MINUTE, partner);

    const funded = referral('funded');
    await funded.submit();
    await funded.assign(MINUTE, partner);
    await funded.reserve(MINUTE + 1, partner, 1500);
    await funded.accept(2 * MINUTE, partner);
    await funded.charge(2 * MINUTE + 1, partner, 1500);

    // Rejected, taken back, offered to another partner who is funded and accepts.
    const rerouted = referral('rerouted');
    await rerouted.submit();
    const first = await rerouted.assign(MINUTE, partner);
    await rerouted.rejectReservation(MINUTE + 1, partner, first);
    await rerouted.withdraw(MINUTE + 2, partner, 'budget-rejected');
    await rerouted.assign(MINUTE + 3, other);
    await rerouted.reserve(MINUTE + 4, other, 1500);
    await rerouted.accept(2 * MINUTE, other);
    await rerouted.charge(2 * MINUTE + 1, other, 1500);

    await untilRecorded(insights, publisher.published);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const stuck = () =>
    admin.expect<StuckReferralsView>(200, `/referrals/stuck?agencyId=${programme.agencyId}`);

  it('an acceptance whose reservation funding rejected is listed as unfunded at once, in whatever state it is', async () => {
    const answer = await stuck();
    const entries = answer.referrals.map(({ referralId, state, rule, unfunded, stuckSince }) => ({
      referralId,
      state,
      rule,
      unfunded,
      stuckSince,
    }));
    expect(entries).toEqual([
      {
        referralId: scripts.unfundedInProgress.id,
        state: 'in-progress',
        rule: 'unfunded',
        unfunded: true,
        stuckSince: after(submittedAt, 2 * MINUTE + 5).toISOString(),
      },
      {
        referralId: scripts.unfunded.id,
        state: 'accepted',
        rule: 'unfunded',
        unfunded: true,
        stuckSince: after(submittedAt, 3 * MINUTE).toISOString(),
      },
    ]);
    expect(answer.total).toBe(2);
  });

  it('a funded acceptance, and one funded after an earlier offer was rejected, are not unfunded', async () => {
    const listed = (await stuck()).referrals.map((entry) => entry.referralId);
    expect(listed).not.toContain(scripts.funded.id);
    expect(listed).not.toContain(scripts.rerouted.id);
  });

  it('the KPI report counts the unfunded cases', async () => {
    const kpis = await admin.expect<KpiReport>(200, `/kpis?initiativeId=${programme.initiativeId}`);
    expect(kpis.referrals).toMatchObject({ accepted: 4, unfunded: 2 });
    const ofOther = await admin.expect<KpiReport>(
      200,
      `/kpis?initiativeId=${programme.initiativeId}&partnerId=${other.id}`,
    );
    expect(ofOther.referrals).toMatchObject({ accepted: 1, unfunded: 0 });
  });
});
