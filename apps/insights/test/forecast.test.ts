import { randomUUID } from 'node:crypto';
import {
  EventEnvelope,
  OrganizationChangedV1,
  OrganizationEvents,
  PartnerServiceV1,
  ReferralCategory,
} from '@concord/contracts';
import { DOWNTOWN } from '../../../test/support/fixtures';
import { DocumentedAnswers } from '../../../test/support/documented-answers';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { capacityOutlook } from '../src/forecast/capacity';
import {
  CapacityOutlookView,
  DemandForecastView,
  DemandSeriesView,
} from '../src/forecast/demand-forecast.view';
import { forecastDemand } from '../src/forecast/forecast';
import { addWeeks } from '../src/forecast/weekly-series';
import { weekStartOf } from '../src/read-model/week';
import {
  after,
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { CRISIS, HOUSING, Partner, Programme, ReferralScript } from './support/scenario';

const YOUTH: ReferralCategory = 'youth';
const WELFARE: ReferralCategory = 'welfare-check';
const DAY = 24 * 3600;

/**
 * One referral of the scenario: submitted `days` and 9 hours after the Monday of week `week`
 * (0 is the current week, −1 the last complete one), offered to `partner` a minute later,
 * accepted ten minutes after submission, and completed `openDays` after its acceptance if given.
 */
interface Case {
  week: number;
  days: number;
  category: ReferralCategory;
  areaCode: string;
  partner: Partner;
  openDays?: number;
}

const ACCEPTED_AFTER = 600;

/**
 * Initiative A, over the 70 complete weeks before this one:
 * - P1, crisis in dp3wj: 2, 0, 1, 3 referrals a week in turn; those of weeks −28 to −3 completed
 *   two weeks after acceptance (so within the last 26 weeks); one more in week −40, open ten weeks
 *   (completed before those 26 weeks, so left out of the mean); one in the current week;
 * - P2, homelessness in dp3wk: one a week over the last 12 weeks, completed a week after;
 * - P3, youth in dp3wj: one a week over the last 6, completed 3 days after; no declared capacity.
 */
function scenarioCases(a: Programme): Case[] {
  const [p1, p2, p3] = a.partners;
  const cases: Case[] = [];
  for (let week = -70; week <= -1; week += 1) {
    const count = [2, 0, 1, 3][(week + 70) % 4];
    for (let k = 0; k < count; k += 1) {
      const completed = week >= -28 && week <= -3;
      cases.push({
        week,
        days: k,
        category: CRISIS,
        areaCode: 'dp3wj',
        partner: p1,
        ...(completed ? { openDays: 14 } : {}),
      });
    }
  }
  cases.push({
    week: -40,
    days: 3,
    category: CRISIS,
    areaCode: 'dp3wj',
    partner: p1,
    openDays: 70,
  });
  cases.push({ week: 0, days: 0, category: CRISIS, areaCode: 'dp3wj', partner: p1 });
  for (let week = -12; week <= -1; week += 1) {
    cases.push({
      week,
      days: 1,
      category: HOUSING,
      areaCode: 'dp3wk',
      partner: p2,
      ...(week <= -2 ? { openDays: 7 } : {}),
    });
  }
  for (let week = -6; week <= -1; week += 1) {
    cases.push({
      week,
      days: 2,
      category: YOUTH,
      areaCode: 'dp3wj',
      partner: p3,
      ...(week <= -2 ? { openDays: 3 } : {}),
    });
  }
  return cases;
}

/** A service of `category` taking `capacity` open cases at once. */
const service = (category: ReferralCategory, capacity: number): PartnerServiceV1 => ({
  serviceId: randomUUID(),
  name: 'Outreach team',
  category,
  area: DOWNTOWN as PartnerServiceV1['area'],
  capacity,
  hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
  eligibility: {},
});

const organization = (partner: Partner, services: PartnerServiceV1[]): OrganizationChangedV1 => ({
  organizationId: partner.id,
  name: 'Community partner',
  type: 'mental-health-provider',
  revision: 1,
  services,
});

describe('the demand forecast, from the referral events insights recorded', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  const a = new Programme(3);
  const [p1, p2, p3] = a.partners;
  const thisMonday = weekStartOf(Date.now());
  const mondayOf = (week: number) => addWeeks(thisMonday, week);
  const submittedAt = (week: number, days: number) =>
    after(new Date(`${mondayOf(week)}T00:00:00Z`), days * DAY + 9 * 3600);
  const cases = scenarioCases(a);

  /** Publishes each case's events in order, many cases at once. */
  async function publishCases(programme: Programme, list: readonly Case[]) {
    const events: EventEnvelope[] = [];
    const publishCase = async (item: Case) => {
      const script = new ReferralScript(
        publisher,
        programme,
        item.category,
        item.week === 0 ? after(new Date(), -5) : submittedAt(item.week, item.days),
        item.areaCode,
      );
      events.push(await script.submit());
      events.push(await script.assign(60, item.partner));
      events.push(await script.accept(ACCEPTED_AFTER, item.partner));
      if (item.openDays !== undefined) {
        events.push(
          await script.complete(ACCEPTED_AFTER + item.openDays * DAY, item.partner, 'successful'),
        );
      }
    };
    for (let i = 0; i < list.length; i += 25) {
      await Promise.all(list.slice(i, i + 25).map(publishCase));
    }
    return events;
  }

  /** How many of `list` were submitted in each week from −70 to −1. */
  const countsOf = (list: readonly Case[]) =>
    Array.from({ length: 70 }, (_, i) => list.filter((item) => item.week === i - 70).length);

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    const events = await publishCases(a, cases);
    // Declared capacity, as agreements publishes it: P1 two crisis services of one open case each
    // and a youth one, which is not crisis capacity; P2 plenty; P3 none.
    const declared = [
      await publisher.publish(
        OrganizationEvents.registered,
        organization(p1, [service(CRISIS, 1), service(CRISIS, 1), service(YOUTH, 99)]),
        new Date(),
      ),
      await publisher.publish(
        OrganizationEvents.registered,
        organization(p2, [service(HOUSING, 500)]),
        new Date(),
      ),
    ];
    await untilRecorded(insights, [...events, ...declared], 120_000);
  }, 240_000);

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const forecastOf = (filters: string) =>
    admin.expect<DemandForecastView>(200, `/forecast?${filters}`);
  const seriesOf = (answer: DemandForecastView, category: string, areaCode: string) => {
    const found = answer.series.find(
      (series) => series.category === category && series.areaCode === areaCode,
    );
    if (!found) throw new Error(`no series ${category} ${areaCode}`);
    return found;
  };
  const outlookOf = (answer: DemandForecastView, partner: Partner): CapacityOutlookView => {
    const found = answer.capacity.find((outlook) => outlook.partnerId === partner.id);
    if (!found) throw new Error(`no outlook for ${partner.id}`);
    return found;
  };
  const expectedCounts = {
    crisis: countsOf(cases.filter((item) => item.category === CRISIS)),
    housing: countsOf(cases.filter((item) => item.category === HOUSING)),
    youth: countsOf(cases.filter((item) => item.category === YOUTH)),
  };

  it('counts each referral in the week it was submitted, per category and area code, over complete weeks only', async () => {
    const answer = await forecastOf(`initiativeId=${a.initiativeId}`);
    expect(answer.history).toEqual({ from: mondayOf(-70), to: mondayOf(-1), weeks: 70 });
    expect(
      answer.series.map(({ category, areaCode, history }) => [category, areaCode, history]),
    ).toEqual([
      [
        HOUSING,
        'dp3wk',
        { from: mondayOf(-70), to: mondayOf(-1), weeks: 70, counts: expectedCounts.housing },
      ],
      [
        CRISIS,
        'dp3wj',
        { from: mondayOf(-70), to: mondayOf(-1), weeks: 70, counts: expectedCounts.crisis },
      ],
      [
        YOUTH,
        'dp3wj',
        { from: mondayOf(-70), to: mondayOf(-1), weeks: 70, counts: expectedCounts.youth },
      ],
    ]);
    // The crisis referral of the current week is not counted; weeks without one are there, as 0.
    const crisis = seriesOf(answer, CRISIS, 'dp3wj').history.counts;
    const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
    expect(sum(crisis)).toBe(cases.filter((item) => item.category === CRISIS).length - 1);
    expect(crisis.filter((count) => count === 0).length).toBeGreaterThan(10);
  });

  it('forecasts every series 12 weeks from the current one, with the backtest of its method beside it', async () => {
    const answer = await forecastOf(`initiativeId=${a.initiativeId}`);
    for (const series of answer.series) {
      const local = forecastDemand({ start: series.history.from, counts: series.history.counts });
      expect(series).toMatchObject<Partial<DemandSeriesView>>({
        model: local.method,
        chosenBy: 'lowest-backtest-mase',
        backtest: {
          mase: local.backtest?.mase ?? null,
          mape: local.backtest?.mape ?? null,
          zeroActualsIgnored: local.backtest?.zeroActualsIgnored ?? 0,
          origins: local.backtest?.folds ?? 0,
          horizon: 12,
        },
        candidates: local.candidates,
      });
      expect(series.backtest?.origins).toBeGreaterThanOrEqual(1);
      expect(series.forecast).toEqual(
        local.forecast.map(({ week, expected, low, high }) => ({
          weekStart: week,
          expected,
          low,
          high,
        })),
      );
      expect(series.forecast[0].weekStart).toBe(thisMonday);
    }
    // Seventy weeks leave room to backtest the last value and seasonal naive, not Holt–Winters.
    expect(seriesOf(answer, CRISIS, 'dp3wj').candidates.map(({ method }) => method)).toEqual([
      'naive',
      'seasonal-naive',
    ]);
    expect(seriesOf(answer, CRISIS, 'dp3wj').backtest?.mase).toEqual(expect.any(Number));
  });

  it('flags a partner whose forecast open cases (arrivals × mean weeks open) exceed the capacity it declared for the category', async () => {
    const answer = await forecastOf(`initiativeId=${a.initiativeId}`);
    const outlook = outlookOf(answer, p1);
    const arrivals = countsOf(cases.filter((item) => item.partner === p1));
    expect(outlook.arrivals.history.counts).toEqual(arrivals);
    const completedRecently = cases.filter(
      (item) => item.partner === p1 && item.openDays === 14,
    ).length;
    expect(outlook).toMatchObject({
      category: CRISIS,
      meanWeeksOpen: 2,
      completedCases: completedRecently,
      capacityOpenCases: 2,
      comparison: 'compared',
      exceeds: true,
      mayExceed: true,
    });
    const local = capacityOutlook({
      forecast: forecastDemand({ start: mondayOf(-70), counts: arrivals }).forecast,
      meanWeeksOpen: 2,
      capacityOpenCases: 2,
    });
    expect(outlook.weeks).toEqual(
      local.map(({ week, capacityOpenCases: _, ...figures }) => ({ weekStart: week, ...figures })),
    );
    expect(outlook.firstWeekExceeding).toBe(local.find((week) => week.exceeds)?.week);
  });

  it('does not flag a partner with room to spare, and compares none that declared no capacity', async () => {
    const answer = await forecastOf(`initiativeId=${a.initiativeId}`);
    expect(outlookOf(answer, p2)).toMatchObject({
      category: HOUSING,
      meanWeeksOpen: 1,
      completedCases: 11,
      capacityOpenCases: 500,
      comparison: 'compared',
      exceeds: false,
      mayExceed: false,
      firstWeekExceeding: null,
    });
    expect(outlookOf(answer, p2).weeks).toHaveLength(12);
    expect(outlookOf(answer, p3)).toMatchObject({
      category: YOUTH,
      meanWeeksOpen: 3 / 7,
      capacityOpenCases: null,
      comparison: 'no-declared-capacity',
      exceeds: false,
      mayExceed: false,
      weeks: [],
    });
  });

  it('category and area code select the series, and weeks sets how far ahead', async () => {
    const answer = await forecastOf(
      `initiativeId=${a.initiativeId}&category=${HOUSING}&areaCode=dp3wk&weeks=4`,
    );
    expect(answer.filters).toEqual({
      initiativeId: a.initiativeId,
      category: HOUSING,
      areaCode: 'dp3wk',
      weeks: 4,
    });
    // The history starts at the first referral the filters select.
    expect(answer.history).toEqual({ from: mondayOf(-12), to: mondayOf(-1), weeks: 12 });
    expect(answer.series.map(({ category, areaCode }) => [category, areaCode])).toEqual([
      [HOUSING, 'dp3wk'],
    ]);
    expect(answer.series[0].forecast.map(({ weekStart }) => weekStart)).toEqual(
      [0, 1, 2, 3].map(mondayOf),
    );
    expect(answer.capacity.map(({ partnerId }) => partnerId)).toEqual([p2.id]);
    expect(answer.capacity[0].weeks).toHaveLength(4);
  });

  describe('short histories', () => {
    it('a series too short to backtest is forecast by a fallback, and says it has no backtest', async () => {
      const b = new Programme(1);
      const counts = [1, 2, 1, 2, 1];
      const list = counts.flatMap((count, i) =>
        Array.from({ length: count }, (_, k): Case => ({
          week: i - 5,
          days: k,
          category: WELFARE,
          areaCode: 'dp3wm',
          partner: b.partners[0],
        })),
      );
      await untilRecorded(insights, await publishCases(b, list));
      const [series] = (await forecastOf(`initiativeId=${b.initiativeId}`)).series;
      expect(series).toMatchObject({
        history: { weeks: 5, counts },
        model: 'recent-mean',
        chosenBy: 'too-short-to-backtest',
        backtest: null,
        candidates: [],
      });
      expect(series.forecast).toHaveLength(12);
    });

    it('one complete week is a 422 naming the rule; none is an empty forecast', async () => {
      const c = new Programme(1);
      const base = { days: 0, category: WELFARE, areaCode: 'dp3wn', partner: c.partners[0] };
      await untilRecorded(insights, await publishCases(c, [{ week: -1, ...base }]));
      const answer = await admin.get<{ code: string; message: string }>(
        `/forecast?initiativeId=${c.initiativeId}`,
      );
      expect(answer.status).toBe(422);
      expect(answer.body.code).toBe('SERIES_TOO_SHORT');
      expect(answer.body.message).toMatch(/at least 2 weeks/);

      const d = new Programme(1);
      await untilRecorded(
        insights,
        await publishCases(d, [{ week: 0, ...base, partner: d.partners[0] }]),
      );
      expect(await forecastOf(`initiativeId=${d.initiativeId}`)).toMatchObject({
        history: null,
        series: [],
        capacity: [],
      });
    });
  });

  it('the answer, every part of it filled in, is the one the OpenAPI document describes', async () => {
    const documents = DocumentedAnswers.committed(['insights']);
    for (const filters of [
      `initiativeId=${a.initiativeId}`,
      `initiativeId=${a.initiativeId}&weeks=1`,
    ]) {
      const response = await fetch(`${insights.url}/forecast?${filters}`, {
        headers: { authorization: `Bearer ${await devToken('admin')}` },
      });
      documents.check('insights', 'GET', `/forecast?${filters}`, {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await response.text(),
      });
    }
    expect(documents.problems).toEqual([]);
    expect(documents.checked).toEqual(new Set(['insights GET /forecast 200']));
  });

  it('a 400 names each bad filter', async () => {
    const answer = await admin.get<{ message: string[] }>(
      '/forecast?initiativeId=42&category=burglary&areaCode=AB&weeks=27',
    );
    expect(answer.status).toBe(400);
    const messages = answer.body.message.join(' | ');
    expect(messages).toMatch(/initiativeId must be a UUID/);
    expect(messages).toMatch(/category must be one of the following values/);
    expect(messages).toMatch(/areaCode must be a geohash of 1 to 5 characters/);
    expect(messages).toMatch(/weeks must not be greater than 26/);
    for (const weeks of ['0', '1.5', 'twelve']) {
      expect((await admin.get(`/forecast?weeks=${weeks}`)).status).toBe(400);
    }
  });

  it('an auditor reads the forecast; a partner or a dispatcher gets 403', async () => {
    const status = async (role: 'auditor' | 'dispatcher' | 'partner') =>
      (
        await new InsightsApi(
          insights,
          await devToken(role, role === 'auditor' ? undefined : p1.id),
        ).get(`/forecast?initiativeId=${a.initiativeId}`)
      ).status;
    expect({
      auditor: await status('auditor'),
      dispatcher: await status('dispatcher'),
      partner: await status('partner'),
    }).toEqual({ auditor: 200, dispatcher: 403, partner: 403 });
  });
});
