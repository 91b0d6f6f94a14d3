import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { AreaKpisReport } from '../src/kpis/area-kpis';
import { WeekKpis, WeeklyKpis } from '../src/kpis/weekly-kpis';
import { weekStartOf } from '../src/read-model/week';
import {
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { publishWeeklyScenario, randomPastMonday, WeeklyScenario } from './support/rollup-scenario';
import { CRISIS, Programme, ReferralScript } from './support/scenario';

/** A week with nothing in it. */
const EMPTY = {
  assigned: 0,
  timeToAssignAverageSeconds: null,
  accepted: 0,
  timeToAcceptAverageSeconds: null,
  offers: { accepted: 0, declined: 0, expired: 0 },
  acceptanceRate: null,
  completed: { successful: 0, unsuccessful: 0 },
  chargedCents: 0,
  costPerCompletedCaseCents: null,
};

describe('the weekly figures, from the rollups the projection keeps', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  let scenario: WeeklyScenario;

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    scenario = await publishWeeklyScenario(publisher, randomPastMonday());
    await untilRecorded(insights, scenario.events);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const weeksOf = async (filters: string): Promise<WeeklyKpis> =>
    admin.expect<WeeklyKpis>(200, `/kpis/weekly?${filters}`);
  const scenarioWeeks = (initiative?: Programme) => {
    const [w0, , , w3] = scenario.weeks;
    const of = initiative ? `initiativeId=${initiative.initiativeId}&` : '';
    return weeksOf(`${of}from=${w0}&to=${w3}`);
  };
  const counts = ({
    weekStart,
    assigned,
    accepted,
    offers,
    completed,
    chargedCents,
  }: WeekKpis) => ({
    weekStart,
    assigned,
    accepted,
    offers,
    completed,
    chargedCents,
  });

  it('the weekly series counts each event in its own week and fills empty weeks', async () => {
    const [w0, w1, w2, w3] = scenario.weeks;
    // A bound stands for the week it falls in: Wednesday noon of W0, Sunday of W3.
    const day = (monday: string, days: number) =>
      new Date(Date.parse(monday) + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const series = await weeksOf(
      `initiativeId=${scenario.a.initiativeId}&from=${day(w0, 2)}T12:00:00Z&to=${day(w3, 6)}`,
    );
    expect(series.filters).toEqual({ initiativeId: scenario.a.initiativeId, from: w0, to: w3 });
    expect(series.weeks.map(counts)).toEqual([
      // a1 offered, declined, re-offered, accepted and charged; a2 submitted (its offer is W1's).
      {
        weekStart: w0,
        assigned: 1,
        accepted: 1,
        offers: { accepted: 1, declined: 1, expired: 0 },
        completed: { successful: 0, unsuccessful: 0 },
        chargedCents: 2000,
      },
      // a2's first offer 70 minutes after its W0 submission; a1's completion 8 days on.
      {
        weekStart: w1,
        assigned: 2,
        accepted: 2,
        offers: { accepted: 2, declined: 0, expired: 1 },
        completed: { successful: 1, unsuccessful: 1 },
        chargedCents: 3000,
      },
      counts({ weekStart: w2, ...EMPTY }),
      // a2 completed at Monday 00:00 of W3; a3 charged before its other events were published.
      {
        weekStart: w3,
        assigned: 1,
        accepted: 1,
        offers: { accepted: 1, declined: 0, expired: 0 },
        completed: { successful: 1, unsuccessful: 0 },
        chargedCents: 1800,
      },
    ]);
    expect(series.weeks[2]).toEqual({ weekStart: w2, ...EMPTY });
  });

  it('averages are the week’s sums over its counts, and the acceptance rate is accepted ÷ (accepted + declined + expired)', async () => {
    const derived = (await scenarioWeeks(scenario.a)).weeks.map((week) => ({
      assign: week.timeToAssignAverageSeconds,
      accept: week.timeToAcceptAverageSeconds,
      rate: week.acceptanceRate,
      cost: week.costPerCompletedCaseCents,
    }));
    expect(derived).toEqual([
      { assign: 120, accept: 600, rate: 0.5, cost: null },
      { assign: (4200 + 60) / 2, accept: (300 + 100) / 2, rate: 2 / 3, cost: 1500 },
      { assign: null, accept: null, rate: null, cost: null },
      { assign: 90, accept: 3810, rate: 1, cost: 1800 },
    ]);
  });

  it('the initiative filter keeps one initiative’s figures; without it every initiative’s are summed', async () => {
    const [, w1] = scenario.weeks;
    const b = await scenarioWeeks(scenario.b);
    expect(b.weeks.filter((week) => week.assigned > 0).map((week) => week.weekStart)).toEqual([w1]);
    expect(b.weeks[1]).toEqual({
      weekStart: w1,
      assigned: 1,
      timeToAssignAverageSeconds: 30,
      accepted: 1,
      timeToAcceptAverageSeconds: 60,
      offers: { accepted: 1, declined: 0, expired: 0 },
      acceptanceRate: 1,
      completed: { successful: 1, unsuccessful: 0 },
      chargedCents: 999,
      costPerCompletedCaseCents: 999,
    });
    const all = await scenarioWeeks();
    expect(all.filters.initiativeId).toBeNull();
    expect(all.weeks[1]).toEqual({
      weekStart: w1,
      assigned: 3,
      timeToAssignAverageSeconds: (4200 + 60 + 30) / 3,
      accepted: 3,
      timeToAcceptAverageSeconds: (300 + 100 + 60) / 3,
      offers: { accepted: 3, declined: 0, expired: 1 },
      acceptanceRate: 3 / 4,
      completed: { successful: 2, unsuccessful: 1 },
      chargedCents: 3999,
      costPerCompletedCaseCents: 1333,
    });
  });

  it('without from and to the series is the last 12 weeks, the current one last', async () => {
    const programme = new Programme(1);
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const referral = new ReferralScript(
      publisher,
      programme,
      CRISIS,
      new Date(now.getTime() - 5000),
    );
    await untilRecorded(insights, [
      await referral.submit(),
      await referral.assign(5, programme.partners[0]),
    ]);
    const series = await weeksOf(`initiativeId=${programme.initiativeId}`);
    const thisWeek = weekStartOf(now.getTime());
    expect(series.weeks).toHaveLength(12);
    expect(series.filters.to).toBe(thisWeek);
    expect(series.weeks.at(-1)).toMatchObject({ weekStart: thisWeek, assigned: 1 });
    expect(series.weeks.slice(0, -1).every((week) => week.assigned === 0)).toBe(true);
  });

  const areaOf = async (areaCode: string) =>
    (await admin.expect<AreaKpisReport>(200, '/kpis/by-area')).areas.find(
      (area) => area.areaCode === areaCode,
    );

  it('a redelivered event counts once', async () => {
    // Without the guard the charge would add to W0 and the offer to its carrier (the first-time
    // counts would not move: they look at the fact row).
    const before = {
      weeks: await scenarioWeeks(scenario.a),
      area: await areaOf(scenario.areaCode),
    };
    for (const event of Object.values(scenario.a1)) await publisher.redeliver(event);
    // On the same keys as the copies (the referral; the budget), so handled after them; they
    // add to no rollup.
    const p2 = scenario.a.partners[1];
    const markers = [
      await scenario.a1Script.contact(9 * 24 * 3600, p2),
      await scenario.a1Script.release(9 * 24 * 3600, p2, 0, 'cancelled'),
    ];
    await untilRecorded(insights, markers);
    expect({
      weeks: await scenarioWeeks(scenario.a),
      area: await areaOf(scenario.areaCode),
    }).toEqual(before);
  });

  it('a 400 names the bad field', async () => {
    const messages = async (path: string) => {
      const answer = await admin.get<{ message: string[] }>(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      return answer.body.message.join(' | ');
    };
    const bad = await messages('/kpis/weekly?initiativeId=42&from=2026-02-30&to=2026-01-31T09:00');
    expect(bad).toMatch(/initiativeId must be a UUID/);
    expect(bad).toMatch(/from must be a date YYYY-MM-DD or a date-time/);
    expect(bad).toMatch(/to must be a date YYYY-MM-DD or a date-time/);
    expect(await messages('/kpis/weekly?from=2026-03-09&to=2026-03-02')).toMatch(
      /^to must be on or after from$/,
    );
    expect(await messages('/kpis/weekly?from=2999-01-01')).toMatch(
      /^from must not be after the current week/,
    );
    expect(await messages('/kpis/weekly?from=2000-01-03&to=2010-01-04')).toMatch(
      /^from must be at most 520 weeks before to/,
    );
    expect(await messages('/kpis/by-area?initiativeId=everything')).toMatch(
      /^initiativeId must be a UUID/,
    );
  });

  it('a partner or a dispatcher gets 403; an auditor reads both series', async () => {
    const status = async (role: 'auditor' | 'dispatcher' | 'partner', path: string) =>
      (
        await new InsightsApi(
          insights,
          await devToken(role, role === 'auditor' ? undefined : scenario.a.agencyId),
        ).get(path)
      ).status;
    for (const path of ['/kpis/weekly', '/kpis/by-area']) {
      const answers = {
        auditor: await status('auditor', path),
        dispatcher: await status('dispatcher', path),
        partner: await status('partner', path),
      };
      expect({ path, ...answers }).toEqual({ path, auditor: 200, dispatcher: 403, partner: 403 });
    }
  });
});
