import { query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { KpiReport } from '../src/kpis/kpi-report';
import { expectedKpis, expectKpisToMatch } from './support/expected-kpis';
import {
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { rebuild, RebuildRun } from './support/rebuild-script';
import {
  AreaScenario,
  publishAreaScenario,
  publishWeeklyScenario,
  randomPastMonday,
  WeeklyScenario,
} from './support/rollup-scenario';
import { CRISIS, KpiScenario, publishKpiScenario, ReferralScript } from './support/scenario';

interface Rollups {
  weeks: Record<string, unknown>[];
  areas: unknown[];
  carriers: unknown[];
}

describe('the rebuild script', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  let scenario: KpiScenario;
  let weekly: WeeklyScenario;
  let areas: AreaScenario;
  let live: KpiReport;
  let liveRollups: Rollups;

  const kpisPath = () => `/kpis?initiativeId=${scenario.programme.initiativeId}`;

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    const base = new Date(Math.floor(Date.now() / 1000) * 1000 - 8 * 3600 * 1000);
    scenario = await publishKpiScenario(publisher, base);
    weekly = await publishWeeklyScenario(publisher, randomPastMonday());
    areas = await publishAreaScenario(publisher, base);
    await untilRecorded(insights, [...scenario.events, ...weekly.events, ...areas.events]);
    live = await admin.expect<KpiReport>(200, kpisPath());
    liveRollups = await rollupsOfScenarios();
  });

  /**
   * The rollup rows of this test's initiatives, weeks and areas (the service also reads what
   * other tests published, maybe not all of it yet).
   */
  const rollupsOfScenarios = async (): Promise<Rollups> => {
    const url = insights.env.DATABASE_URL;
    const initiatives = [weekly.a, weekly.b, scenario.programme].map((p) => p.initiativeId);
    const areaCodes = [weekly.areaCode, areas.x, areas.y];
    return {
      weeks: await query(
        url,
        `SELECT week_start::text, initiative_id, assigned, assign_seconds_sum::text,
                accepted, accept_seconds_sum::text, offers_accepted, offers_declined,
                offers_expired, successful, unsuccessful, charged_cents::text
           FROM weekly_figures
          WHERE initiative_id = ANY($1) OR week_start = ANY($2::date[])
          ORDER BY 1, 2`,
        [initiatives, weekly.weeks],
      ),
      areas: await query(url, 'SELECT * FROM area_figures WHERE area_code = ANY($1) ORDER BY 1', [
        areaCodes,
      ]),
      carriers: await query(
        url,
        'SELECT * FROM area_carrier_figures WHERE area_code = ANY($1) ORDER BY 1, 2, 3, 4',
        [areaCodes],
      ),
    };
  };

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  it('refuses to run while the insights service consumes, and changes nothing', async () => {
    const run = await rebuild(insights, []);
    expect(run.code).toBe(75);
    expect(run.stderr).toContain('stop every insights instance first');
    expect(await admin.expect<KpiReport>(200, kpisPath())).toEqual(live);
  });

  describe('with the service stopped', () => {
    let run: RebuildRun;

    beforeAll(async () => {
      await insights.stop();
      // Lost facts and rollups: figures that come out right again were rebuilt, not left over.
      for (const table of [
        'referral_facts',
        'weekly_figures',
        'area_figures',
        'area_carrier_figures',
      ]) {
        await query(insights.env.DATABASE_URL, `DELETE FROM ${table}`);
      }
      run = await rebuild(insights, ['--initiative-id', scenario.programme.initiativeId]);
      if (run.code !== 0) throw new Error(`the rebuild exited ${run.code}:\n${run.stderr}`);
    });

    it('ends by printing the KPIs the live service computed, from the same events', () => {
      const printed = JSON.parse(run.stdout) as KpiReport;
      expect(printed).toEqual(live);
      const expected = expectedKpis(scenario.events, {
        initiativeId: scenario.programme.initiativeId,
      });
      expectKpisToMatch(printed, expected);
    });

    it('the rebuild gives the same rollups', async () => {
      const rebuilt = await rollupsOfScenarios();
      expect(rebuilt).toEqual(liveRollups);
      // Not a trivial equality: a3's charge, published before a3's other events, is A's.
      expect(rebuilt.weeks).toContainEqual(
        expect.objectContaining({
          week_start: weekly.weeks[3],
          initiative_id: weekly.a.initiativeId,
          charged_cents: '1800',
        }),
      );
      expect(rebuilt.areas).toHaveLength(3);
      expect(rebuilt.carriers.length).toBeGreaterThanOrEqual(5);
    });

    it('shows its progress on stderr as one line rewritten up to every message, 100%', () => {
      const updates = run.stderr.split('\n')[0].split('\r').filter(Boolean);
      expect(updates.length).toBeGreaterThan(1);
      const [, done, total] = /(\d+)\/(\d+) 100\.0%/.exec(updates.at(-1) ?? '') ?? [];
      expect(Number(done)).toBe(Number(total));
      expect(Number(total)).toBeGreaterThanOrEqual(scenario.events.length);
      expect(run.stderr).toMatch(/0 failed/);
    });

    it('leaves the service, restarted, to go on from there without applying anything twice', async () => {
      await insights.startHealthy();
      const later = new ReferralScript(publisher, scenario.programme, CRISIS, new Date());
      await later.submit();
      await later.assign(1, scenario.programme.partners[0]);
      await untilRecorded(insights, publisher.published);
      const kpis = await admin.expect<KpiReport>(200, kpisPath());
      const expected = expectedKpis(publisher.published, {
        initiativeId: scenario.programme.initiativeId,
      });
      expectKpisToMatch(kpis, expected);
      const retries = await query<{ count: number }>(
        insights.env.DATABASE_URL,
        'SELECT count(*)::int AS count FROM consumer_retries',
      );
      expect(retries[0].count).toBe(0);
    });
  });
});
