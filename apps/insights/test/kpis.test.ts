import { ReferralCategory } from '@concord/contracts';
import { eventually, query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { KpiBreakdown, KpiReport } from '../src/kpis/kpi-report';
import { expectedKpis, expectKpisToMatch, withinHistogramBound } from './support/expected-kpis';
import {
  after,
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { CRISIS, HOUSING, KpiScenario, publishKpiScenario } from './support/scenario';

describe('KPIs computed from the events of every topic', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  let scenario: KpiScenario;

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    const base = new Date(Math.floor(Date.now() / 1000) * 1000 - 8 * 3600 * 1000);
    scenario = await publishKpiScenario(publisher, base);
    await untilRecorded(insights, scenario.events);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const ofInitiative = () => `initiativeId=${scenario.programme.initiativeId}`;

  it('every KPI of the initiative equals the figure computed from the published events', async () => {
    const kpis = await admin.expect<KpiReport>(200, `/kpis?${ofInitiative()}`);
    const expected = expectedKpis(scenario.events, {
      initiativeId: scenario.programme.initiativeId,
    });
    expectKpisToMatch(kpis, expected);
    // The scenario is meant to exercise every figure; a zero here would prove little.
    expect(expected.referrals).toMatchObject({
      submitted: 12,
      unassignable: 2,
      cancelled: 2,
      unfunded: 1,
    });
    expect(expected.offers).toMatchObject({ declined: 3, expired: 2, withdrawn: 1, open: 1 });
  });

  it('p50 and p90 of the time to assign and to accept are within 1 % (+1 ms) of percentile_cont', async () => {
    const kpis = await admin.expect<KpiReport>(200, `/kpis?${ofInitiative()}`);
    // Worked by hand from the scenario: 12 assignments, 9 acceptances.
    const exact = { assign: [82.5, 236], accept: [240, 520] };
    expect(kpis.timeToAssignSeconds.count).toBe(12);
    expect(kpis.timeToAcceptSeconds.count).toBe(9);
    const read = {
      assign: [kpis.timeToAssignSeconds.p50, kpis.timeToAssignSeconds.p90],
      accept: [kpis.timeToAcceptSeconds.p50, kpis.timeToAcceptSeconds.p90],
    };
    for (const figure of ['assign', 'accept'] as const) {
      read[figure].forEach((value, index) =>
        expect(withinHistogramBound(value, exact[figure][index])).toBe(true),
      );
    }
  });

  it('a partner filter counts the referrals last offered to it and the offers made to it', async () => {
    const [, p2] = scenario.programme.partners;
    const filters = { initiativeId: scenario.programme.initiativeId, partnerId: p2.id };
    const kpis = await admin.expect<KpiReport>(200, `/kpis?${ofInitiative()}&partnerId=${p2.id}`);
    expectKpisToMatch(kpis, expectedKpis(scenario.events, filters));
  });

  it('from and to select the referrals submitted in [from, to)', async () => {
    const from = after(scenario.base, 3 * 600).toISOString();
    const to = after(scenario.base, 9 * 600).toISOString();
    const filters = { initiativeId: scenario.programme.initiativeId, from, to };
    const kpis = await admin.expect<KpiReport>(
      200,
      `/kpis?${ofInitiative()}&from=${from}&to=${to}`,
    );
    expect(kpis.referrals.submitted).toBe(6);
    expectKpisToMatch(kpis, expectedKpis(scenario.events, filters));
  });

  it('the by-partner breakdown holds each partner’s own KPIs', async () => {
    const breakdown = await admin.expect<KpiBreakdown>(200, `/kpis/by-partner?${ofInitiative()}`);
    const partners = scenario.programme.partners.map((partner) => partner.id).sort();
    expect(breakdown.groups.map((group) => group.key)).toEqual(partners);
    for (const group of breakdown.groups) {
      const filters = { initiativeId: scenario.programme.initiativeId, partnerId: group.key };
      expectKpisToMatch(group.kpis, expectedKpis(scenario.events, filters));
    }
  });

  it('the by-category breakdown holds each category’s own KPIs', async () => {
    const breakdown = await admin.expect<KpiBreakdown>(200, `/kpis/by-category?${ofInitiative()}`);
    expect(breakdown.groups.map((group) => group.key)).toEqual([HOUSING, CRISIS]);
    for (const group of breakdown.groups) {
      const category = group.key as ReferralCategory;
      const filters = { initiativeId: scenario.programme.initiativeId, category };
      expectKpisToMatch(group.kpis, expectedKpis(scenario.events, filters));
    }
  });

  it('the service rolls the recorded days up into referral_day_figures, and the report stays the same', async () => {
    const counts = async () =>
      (
        await query<{ rows: number; stale: number }>(
          insights.env.DATABASE_URL,
          `SELECT (SELECT count(*) FROM referral_day_figures)::int AS rows,
                  (SELECT count(*) FROM day_figures_stale)::int AS stale`,
        )
      )[0];
    await eventually('the day figures refresher to take every stale mark', async () => {
      const { rows, stale } = await counts();
      return rows > 0 && stale === 0;
    });
    const kpis = await admin.expect<KpiReport>(200, `/kpis?${ofInitiative()}`);
    const filters = { initiativeId: scenario.programme.initiativeId };
    expectKpisToMatch(kpis, expectedKpis(scenario.events, filters));
  });

  it('an auditor may read KPIs; a dispatcher or a partner may not', async () => {
    const as = async (role: 'auditor' | 'dispatcher' | 'partner') =>
      (
        await new InsightsApi(
          insights,
          await devToken(role, role === 'auditor' ? undefined : scenario.programme.agencyId),
        ).get(`/kpis?${ofInitiative()}`)
      ).status;
    expect([await as('auditor'), await as('dispatcher'), await as('partner')]).toEqual([
      200, 403, 403,
    ]);
  });

  it('a filter that breaks its rule is a 400 that names it', async () => {
    const answer = await admin.get<{ message: string[] }>('/kpis?partnerId=42&category=gardening');
    expect(answer.status).toBe(400);
    expect(answer.body.message.join(' ')).toMatch(/partnerId.*UUID/);
    expect(answer.body.message.join(' ')).toMatch(/category/);
  });
});
