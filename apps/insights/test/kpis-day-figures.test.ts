import { DataSource } from 'typeorm';
import { bucketOf, bucketSql } from '../src/kpis/duration-histogram';
import { KpiQuery } from '../src/kpis/kpi.dto';
import { KpisService } from '../src/kpis/kpis.service';
import { DayFiguresRefresher } from '../src/read-model/day-figures.refresher';
import { projectEvent } from '../src/read-model/insights.projection';
import { expectedKpis, expectKpisToMatch } from './support/expected-kpis';
import { dropInsightsDatabase, openInsightsDatabase } from './support/insights-database';
import { after, EventPublisher } from './support/insights-service';
import {
  CRISIS,
  HOUSING,
  KpiScenario,
  publishKpiScenario,
  ReferralScript,
} from './support/scenario';

/** An evening: the scenario's two hours of submissions straddle midnight (UTC), so two days. */
const BASE = new Date('2026-03-02T23:00:00Z');

describe('KPIs from the day figures (referral_day_figures)', () => {
  let dataSource: DataSource;
  let publisher: EventPublisher;
  let scenario: KpiScenario;
  let kpis: KpisService;
  let refresher: DayFiguresRefresher;

  beforeAll(async () => {
    dataSource = await openInsightsDatabase('insights_day_figures');
    publisher = EventPublisher.offline();
    scenario = await publishKpiScenario(publisher, BASE);
    await projectAll(publisher.published);
    kpis = new KpisService(dataSource);
    refresher = new DayFiguresRefresher(dataSource);
  });

  afterAll(async () => {
    await dropInsightsDatabase(dataSource);
  });

  async function projectAll(events: typeof publisher.published): Promise<void> {
    for (const event of events) {
      await dataSource.transaction((manager) => projectEvent(manager, event));
    }
  }

  const count = async (sql: string) =>
    Number(((await dataSource.query(sql)) as { n: string }[])[0].n);
  const staleKeys = () =>
    count(`SELECT count(*) AS n FROM (SELECT DISTINCT day, initiative_id, category
                                        FROM day_figures_stale) k`);
  async function refreshAll(): Promise<void> {
    while ((await refresher.refresh()) === 'again');
  }
  const ofInitiative = (more: Partial<KpiQuery> = {}): KpiQuery => ({
    initiativeId: scenario.programme.initiativeId,
    ...more,
  });
  /** The reports that rows can answer, and one they cannot (a partner's). */
  const filterSets = (): KpiQuery[] => [
    {},
    ofInitiative(),
    ofInitiative({ category: CRISIS }),
    ofInitiative({ category: HOUSING }),
    // From 23:30 to 00:40: cuts both days, so each is computed from its facts.
    ofInitiative({
      from: after(BASE, 1800).toISOString(),
      to: after(BASE, 6000).toISOString(),
    }),
    // From 23:20 to 23:50: inside one day, no day whole.
    ofInitiative({
      from: after(BASE, 1200).toISOString(),
      to: after(BASE, 3000).toISOString(),
    }),
    // From midnight on: the second day whole, from its row.
    ofInitiative({ from: '2026-03-03T00:00:00.000Z' }),
    ofInitiative({ partnerId: scenario.programme.partners[1].id }),
  ];

  it('before any refresh, every day key is stale and the report, from the facts, matches the events', async () => {
    expect(await staleKeys()).toBeGreaterThanOrEqual(3);
    expect(await count('SELECT count(*) AS n FROM referral_day_figures')).toBe(0);
    for (const filters of filterSets()) {
      expectKpisToMatch(await kpis.report(filters), expectedKpis(publisher.published, filters));
    }
  });

  it('the refresher writes one row per day key of the facts and takes every stale mark', async () => {
    await refreshAll();
    expect(await staleKeys()).toBe(0);
    const keys = await count(
      `SELECT count(DISTINCT ((submitted_at AT TIME ZONE 'UTC')::date, initiative_id, category)) AS n
         FROM referral_facts WHERE submitted_at IS NOT NULL`,
    );
    expect(await count('SELECT count(*) AS n FROM referral_day_figures')).toBe(keys);
    expect(await count('SELECT count(DISTINCT day) AS n FROM referral_day_figures')).toBe(2);
  });

  it('reports read from the rows match the events: all, the initiative, each category, windows, a partner', async () => {
    await refreshAll();
    for (const filters of filterSets()) {
      expectKpisToMatch(await kpis.report(filters), expectedKpis(publisher.published, filters));
    }
  });

  it('a refreshed day key is read from its row, not from the facts', async () => {
    await refreshAll();
    const before = await kpis.report(ofInitiative());
    // One row of the initiative made wrong by hand: no trigger marks it, so it is believed.
    const oneRow = (change: string) =>
      dataSource.query(
        `UPDATE referral_day_figures SET submitted = submitted ${change}
          WHERE (day, initiative_id, category) =
                (SELECT day, initiative_id, category FROM referral_day_figures
                  WHERE initiative_id = $1 ORDER BY day, category LIMIT 1)`,
        [scenario.programme.initiativeId],
      );
    await oneRow('+ 1000');
    try {
      const read = await kpis.report(ofInitiative());
      expect(read.referrals.submitted).toBe(before.referrals.submitted + 1000);
    } finally {
      await oneRow('- 1000');
    }
  });

  it('a change after the refresh marks its day key, and the report counts it before the next refresh', async () => {
    await refreshAll();
    const later = new ReferralScript(publisher, scenario.programme, CRISIS, after(BASE, 600));
    const from = publisher.published.length;
    await later.submit();
    await later.assign(30, scenario.programme.partners[0]);
    await later.accept(90, scenario.programme.partners[0]);
    await projectAll(publisher.published.slice(from));
    // Its day under no initiative (submitted) and under the initiative (offered, accepted).
    expect(await staleKeys()).toBe(2);
    expectKpisToMatch(
      await kpis.report(ofInitiative()),
      expectedKpis(publisher.published, ofInitiative()),
    );
    await refreshAll();
    expect(await staleKeys()).toBe(0);
    expectKpisToMatch(
      await kpis.report(ofInitiative()),
      expectedKpis(publisher.published, ofInitiative()),
    );
  });

  it('the SQL puts a duration in the bucket bucketOf gives', async () => {
    const durations = [-4000, -0.5, -0.001, 0, 0.0004, 0.001, 0.0011, 0.25, 1, 59.9, 3600, 86_400];
    const rows = (await dataSource.query(
      `SELECT ${bucketSql('v')} AS bucket FROM unnest($1::float8[]) WITH ORDINALITY AS d(v, i)
        ORDER BY i`,
      [durations],
    )) as { bucket: number }[];
    expect(rows.map((row) => row.bucket)).toEqual(durations.map(bucketOf));
  });
});
