import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '@concord/contracts';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { TimelineView } from '../src/timeline/timeline.view';
import {
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { CRISIS, Programme, ReferralScript } from './support/scenario';

describe("a referral's timeline", () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  const programme = new Programme();
  let referral: ReferralScript;
  let own: EventEnvelope[];

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    const [partner] = programme.partners;
    referral = new ReferralScript(publisher, programme, CRISIS, new Date(Date.now() - 3600_000));
    const neighbour = new ReferralScript(publisher, programme, CRISIS, new Date());
    // Published out of time order across topics: the charge goes out before the acceptance it
    // follows, the notification after it.
    const submitted = await referral.submit();
    const assigned = await referral.assign(60, partner);
    const reserved = await referral.reserve(61, partner, 1500);
    const charged = await referral.charge(301, partner, 1500);
    const accepted = await referral.accept(300, partner);
    const notified = await referral.notify(62, partner, assigned);
    const noise = await neighbour.submit();
    own = [submitted, assigned, reserved, notified, accepted, charged];
    await untilRecorded(insights, [...own, noise]);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  it('lists its events from the referrals, funding and notifications topics in time order', async () => {
    const timeline = await admin.expect<TimelineView>(200, `/referrals/${referral.id}/timeline`);
    const times = timeline.events.map((event) => Date.parse(event.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Services of other tests on the same broker may react to these events (e.g. funding rejects
    // a reservation); their events belong in the timeline too, so only ours are compared.
    const published = new Set(own.map((event) => event.id));
    expect(timeline.events.filter((event) => published.has(event.eventId))).toEqual(
      own.map((event) => ({
        eventId: event.id,
        type: event.type,
        source: event.source,
        time: event.time,
        subject: event.subject,
        correlationId: event.correlationId,
        causationId: null,
        data: event.data,
      })),
    );
    expect(new Set(own.map((event) => event.source))).toEqual(
      new Set(['/concord/referrals', '/concord/funding', '/concord/notifications']),
    );
  });

  it('is a 404 REFERRAL_NOT_FOUND for a referral nothing has been recorded about', async () => {
    const answer = await admin.get(`/referrals/${randomUUID()}/timeline`);
    expect(answer).toMatchObject({ status: 404, body: { code: 'REFERRAL_NOT_FOUND' } });
  });

  it("is shown to a dispatcher of the referral's agency, and as unknown to another agency's", async () => {
    const dispatcher = async (agencyId: string) =>
      (
        await new InsightsApi(insights, await devToken('dispatcher', agencyId)).get(
          `/referrals/${referral.id}/timeline`,
        )
      ).status;
    expect([await dispatcher(programme.agencyId), await dispatcher(randomUUID())]).toEqual([
      200, 404,
    ]);
  });

  it('is not shown to partners', async () => {
    const partner = new InsightsApi(insights, await devToken('partner', programme.partners[0].id));
    expect((await partner.get(`/referrals/${referral.id}/timeline`)).status).toBe(403);
  });
});
