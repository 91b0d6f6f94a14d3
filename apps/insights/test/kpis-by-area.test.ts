import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { AreaKpis, AreaKpisReport } from '../src/kpis/area-kpis';
import {
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { AreaScenario, publishAreaScenario } from './support/rollup-scenario';
import { Partner, Programme } from './support/scenario';

describe('the figures per area, from the rollups the projection keeps', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  let scenario: AreaScenario;

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    scenario = await publishAreaScenario(publisher, new Date(Date.now() - 3600 * 1000));
    await untilRecorded(insights, scenario.events);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const areas = async (filters = ''): Promise<AreaKpis[]> =>
    (await admin.expect<AreaKpisReport>(200, `/kpis/by-area${filters}`)).areas;
  const ofScenario = (all: AreaKpis[]) =>
    all.filter((area) => [scenario.x, scenario.y].includes(area.areaCode));
  const carrier = (
    programme: Programme,
    partner: Partner,
    offered: number,
    accepted: number,
    completed: number,
  ) => ({
    partnerId: partner.id,
    agreementId: partner.agreementId,
    initiativeId: programme.initiativeId,
    offered,
    accepted,
    completed,
  });
  const byPartner = (a: { partnerId: string }, b: { partnerId: string }) =>
    a.partnerId < b.partnerId ? -1 : 1;

  it('by-area counts each referral once per status reached, and what each carrier was offered, accepted and completed', async () => {
    const { a, c } = scenario;
    const [p1, p2] = a.partners;
    const found = new Map(ofScenario(await areas()).map((area) => [area.areaCode, area]));
    expect(found.get(scenario.x)).toEqual({
      areaCode: scenario.x,
      submitted: 3,
      // x1 was unassignable twice.
      unassignable: 1,
      accepted: 2,
      completed: 1,
      cancelled: 2,
      carriers: [
        carrier(a, p1, 2, 1, 0),
        carrier(a, p2, 1, 1, 1),
        carrier(c, c.partners[0], 1, 0, 0),
      ].sort(byPartner),
    });
    expect(found.get(scenario.y)).toEqual({
      areaCode: scenario.y,
      submitted: 2,
      unassignable: 0,
      accepted: 1,
      completed: 1,
      cancelled: 0,
      carriers: [carrier(a, p1, 1, 1, 1)],
    });
  });

  it('the initiative filter keeps the carriers of that initiative and every area’s own counts', async () => {
    const { c } = scenario;
    const [all, ofC] = [
      ofScenario(await areas()),
      ofScenario(await areas(`?initiativeId=${c.initiativeId}`)),
    ];
    expect(ofC.map(({ carriers, ...counts }) => counts)).toEqual(
      all.map(({ carriers, ...counts }) => counts),
    );
    expect(ofC.map((area) => [area.areaCode, area.carriers])).toEqual(
      [
        [scenario.x, [carrier(c, c.partners[0], 1, 0, 0)]],
        [scenario.y, []],
      ].sort(([x], [y]) => (x < y ? -1 : 1)),
    );
  });

  it('the areas are ordered by area code', async () => {
    const codes = (await areas()).map((area) => area.areaCode);
    expect(codes.length).toBeGreaterThanOrEqual(2);
    expect(codes).toEqual([...codes].sort());
  });
});
