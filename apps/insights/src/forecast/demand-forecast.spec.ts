import { capacityOutlook } from './capacity';
import { demandForecast, DemandForecastCounts } from './demand-forecast';
import { forecastDemand } from './forecast';

const window = { from: '2026-01-05', to: '2026-02-23', weeks: 8 };
const filters = { initiativeId: null, category: null, areaCode: null, weeks: 4 };
const WEEK = 7 * 24 * 3600;
const [P, Q] = ['1b1f6c1e-0000-4000-8000-000000000001', '1b1f6c1e-0000-4000-8000-000000000002'];

const counts = (overrides: Partial<DemandForecastCounts>): DemandForecastCounts => ({
  filters,
  window,
  demand: [],
  arrivals: [],
  timeOpen: [],
  capacities: [],
  ...overrides,
});

describe('demandForecast', () => {
  it('answers no history and no series when no referral precedes the current week', () => {
    expect(demandForecast(counts({ window: null }))).toEqual({
      filters,
      history: null,
      series: [],
      capacity: [],
    });
  });

  it('forecasts one series per category and area code, ordered, from zero-filled weeks', () => {
    const { series } = demandForecast(
      counts({
        demand: [
          { category: 'youth', areaCode: 'dp3wj', week: '2026-01-12', count: 3 },
          { category: 'homelessness', areaCode: 'dp3wk', week: '2026-02-23', count: 1 },
          { category: 'homelessness', areaCode: 'dp3wj', week: '2026-01-05', count: 2 },
        ],
      }),
    );
    expect(series.map(({ category, areaCode }) => `${category} ${areaCode}`)).toEqual([
      'homelessness dp3wj',
      'homelessness dp3wk',
      'youth dp3wj',
    ]);
    expect(series[2].history.counts).toEqual([0, 3, 0, 0, 0, 0, 0, 0]);
    const expected = forecastDemand(
      { start: window.from, counts: series[2].history.counts },
      { horizon: 4 },
    );
    expect(series[2].forecast.map(({ expected: value }) => value)).toEqual(
      expected.forecast.map(({ expected: value }) => value),
    );
    expect(series[2].forecast[0].weekStart).toBe('2026-03-02');
  });

  it("compares a partner's forecast open cases with the capacity of its category only", () => {
    const arrivals = [3, 4, 5, 4, 3, 4, 5, 4].map((count, i) => ({
      partnerId: P,
      category: 'youth',
      week: new Date(Date.parse(window.from) + i * WEEK * 1000).toISOString().slice(0, 10),
      count,
    }));
    const [outlook] = demandForecast(
      counts({
        arrivals,
        timeOpen: [{ partnerId: P, category: 'youth', cases: 9, meanSeconds: 1.5 * WEEK }],
        capacities: [
          { partnerId: P, category: 'youth', capacity: 5 },
          { partnerId: P, category: 'homelessness', capacity: 500 },
        ],
      }),
    ).capacity;
    const expected = capacityOutlook({
      forecast: forecastDemand(
        { start: window.from, counts: [3, 4, 5, 4, 3, 4, 5, 4] },
        { horizon: 4 },
      ).forecast,
      meanWeeksOpen: 1.5,
      capacityOpenCases: 5,
    });
    expect(outlook).toMatchObject({
      comparison: 'compared',
      meanWeeksOpen: 1.5,
      completedCases: 9,
      capacityOpenCases: 5,
      exceeds: true,
      firstWeekExceeding: '2026-03-02',
    });
    expect(outlook.weeks.map(({ margin }) => margin)).toEqual(expected.map(({ margin }) => margin));
  });

  it('says why a partner is not compared: no declared capacity, or no completed case', () => {
    const arrival = (partnerId: string) => ({
      partnerId,
      category: 'youth',
      week: '2026-02-16',
      count: 2,
    });
    const capacity = demandForecast(
      counts({
        arrivals: [arrival(Q), arrival(P)],
        timeOpen: [{ partnerId: P, category: 'youth', cases: 1, meanSeconds: WEEK }],
        capacities: [{ partnerId: Q, category: 'youth', capacity: 1 }],
      }),
    ).capacity;
    expect(
      capacity.map(({ partnerId, comparison, exceeds, weeks }) => [
        partnerId,
        comparison,
        exceeds,
        weeks,
      ]),
    ).toEqual([
      [P, 'no-declared-capacity', false, []],
      [Q, 'no-completed-cases', false, []],
    ]);
  });
});
