import { randomUUID } from 'node:crypto';
import { Role } from '@concord/auth';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
} from '../support/infrastructure';
import { crisisCall, HandOffSystem } from '../support/hand-off-system';
import { ServiceProcess } from '../support/service-process';
import { devToken } from '../support/tokens';
import { scriptOf } from '@concord/testing';

type Json = Record<string, unknown>;
interface TraceEntry {
  partnerId: string;
  name: string;
  eligible: boolean;
  reasons: string[];
}
interface FullDecision {
  result: string;
  partnerId: string | null;
  trace: TraceEntry[];
}
interface TimelineEvent {
  eventId: string;
  type: string;
  data: Json;
}

/**
 * Minimum necessary over the decision trace and the timeline, as a matrix role × resource → what
 * the answer shows. The scenario: agency A's referral is offered to Alpha (first by name), Alpha
 * declines, it goes to Bravo; Outsider, a partner with no agreement with A, is ruled out each time.
 * A second referral, of a category nobody serves, is unassignable.
 */
describe('who sees what of a decision trace and a timeline', () => {
  jest.setTimeout(300_000);

  let system: HandOffSystem;
  let insights: ServiceProcess;
  const tag = randomUUID().slice(0, 6);
  const names = { alpha: `Alpha ${tag}`, bravo: `Bravo ${tag}`, outsider: `Outsider ${tag}` };
  const ids = { agency: '', alpha: '', bravo: '', outsider: '', referral: '', unassignable: '' };
  const incidentReference = `CAD-${tag}-118842`;

  async function get(
    service: ServiceProcess,
    path: string,
    role: Role,
    org?: string,
  ): Promise<{ status: number; body: unknown; text: string }> {
    const response = await fetch(`${service.url}${path}`, {
      headers: { authorization: `Bearer ${await devToken(role, org)}` },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, text };
  }

  const decisionsOf = (referralId: string, role: Role, org?: string) =>
    get(system.referrals, `/referrals/${referralId}/decisions`, role, org);
  const timelineOf = (referralId: string, role: Role, org?: string) =>
    get(insights, `/referrals/${referralId}/timeline`, role, org);

  beforeAll(async () => {
    system = await HandOffSystem.start();
    insights = await new ServiceProcess(scriptOf('insights'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: await createTestDatabase('access_insights'),
    }).startHealthy();
    ids.agency = await system.agency();
    ids.alpha = await system.partner({ name: names.alpha });
    ids.bravo = await system.partner({ name: names.bravo });
    ids.outsider = await system.partner({ name: names.outsider });
    const initiativeId = await system.initiative(ids.agency, [ids.alpha, ids.bravo]);
    await system.agreementInForce(initiativeId, { partnerId: ids.alpha });
    await system.agreementInForce(initiativeId, { partnerId: ids.bravo });

    const submit = async (call: Json) => {
      const answer = await system.call(
        system.referrals,
        'POST',
        '/referrals',
        { role: 'dispatcher', org: ids.agency },
        call,
        { 'Idempotency-Key': randomUUID() },
      );
      if (answer.status !== 201) throw new Error(`submit answered ${answer.status}`);
      return answer.body.id as string;
    };
    ids.referral = await submit(crisisCall({ incidentReference }));
    await system.eventuallyOfferedTo(ids.agency, ids.referral, ids.alpha);
    const declined = await system.call(
      system.referrals,
      'POST',
      `/referrals/${ids.referral}/decline`,
      { role: 'partner', org: ids.alpha },
      { reason: 'no-capacity' },
    );
    expect(declined.status).toBe(200);
    await system.eventuallyOfferedTo(ids.agency, ids.referral, ids.bravo);
    ids.unassignable = await submit(crisisCall({ category: 'youth' }));
    await system.referralReaches(ids.agency, ids.unassignable, 'unassignable');

    await eventually('insights to record both referrals', async () => {
      const [first, second] = await Promise.all([
        timelineOf(ids.referral, 'admin'),
        timelineOf(ids.unassignable, 'admin'),
      ]);
      const types = (answer: { status: number; body: unknown }) =>
        answer.status === 200
          ? (answer.body as { events: TimelineEvent[] }).events.map((event) => event.type)
          : [];
      return (
        types(first).filter((type) => type === 'concord.referral.assigned.v1').length === 2 &&
        types(second).includes('concord.referral.unassignable.v1')
      );
    });
  });

  afterAll(async () => {
    await insights?.stop();
    if (insights) await dropTestDatabase(insights.env.DATABASE_URL);
    await system?.stop();
  });

  /** What an answer must never contain: ids and names of partners the caller has no business with. */
  const absent = (text: string, ...partners: (keyof typeof names)[]) =>
    partners.flatMap((partner) => [ids[partner], names[partner]]).filter((s) => text.includes(s));

  const countReasons = (entries: { eligible?: boolean; reasons: string[] }[]) => {
    const counts: Record<string, number> = {};
    for (const entry of entries.filter((entry) => entry.eligible !== true)) {
      for (const reason of entry.reasons) counts[reason] = (counts[reason] ?? 0) + 1;
    }
    return counts;
  };

  const fullRuns = async (referralId: string) =>
    (await decisionsOf(referralId, 'admin')).body as FullDecision[];
  const entryOf = (run: FullDecision, partnerId: string | null) =>
    run.trace.find((entry) => entry.partnerId === partnerId);

  describe('decision trace', () => {
    it('an administrator reads the whole trace: every partner, its rank or reasons, its load', async () => {
      const runs = await fullRuns(ids.referral);
      expect(runs.slice(0, 2).map((run) => [run.result, run.partnerId])).toEqual([
        ['offered', ids.alpha],
        ['offered', ids.bravo],
      ]);
      const [first, second] = runs;
      expect(entryOf(first, ids.alpha)).toMatchObject({
        name: names.alpha,
        eligible: true,
        rank: 1,
        capacity: 10,
      });
      expect(entryOf(first, ids.bravo)).toMatchObject({ name: names.bravo, rank: 2 });
      expect(entryOf(first, ids.outsider)).toMatchObject({
        name: names.outsider,
        eligible: false,
        reasons: ['no-agreement'],
      });
      expect(entryOf(second, ids.alpha)?.reasons).toEqual(['declined-before']);
    });

    /** What a dispatcher may see of a run: who got it, and counts. */
    const forDispatch = (run: FullDecision) => ({
      decidedAt: expect.any(String),
      result: run.result,
      partnerId: run.partnerId,
      partnerName: entryOf(run, run.partnerId)?.name ?? null,
      eligiblePartners: run.trace.filter((entry) => entry.eligible).length,
      ruledOutPartners: run.trace.filter((entry) => !entry.eligible).length,
      ruledOutByReason: countReasons(run.trace),
    });

    it('a dispatcher reads who got the referral and how many partners were ruled out for each reason, never the others', async () => {
      const runs = await fullRuns(ids.referral);
      const answer = await decisionsOf(ids.referral, 'dispatcher', ids.agency);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(runs.map(forDispatch));
      const [first, second] = answer.body as Json[];
      expect(first).toMatchObject({ partnerId: ids.alpha, partnerName: names.alpha });
      expect(second).toMatchObject({ partnerId: ids.bravo, partnerName: names.bravo });
      expect(first.ruledOutByReason).toMatchObject({ 'no-agreement': expect.any(Number) });
      expect(second.ruledOutByReason).toMatchObject({ 'declined-before': 1 });
      expect(absent(answer.text, 'outsider')).toEqual([]);
      expect(answer.text).not.toMatch(/openCases|capacity|"trace"|"rank"/);
    });

    it("a dispatcher's unassignable run names no partner and counts the reasons as the full trace does", async () => {
      const runs = await fullRuns(ids.unassignable);
      const answer = await decisionsOf(ids.unassignable, 'dispatcher', ids.agency);
      expect(runs.map((run) => run.result)).toEqual(['unassignable']);
      expect(answer.body).toEqual(runs.map(forDispatch));
      expect(answer.body).toMatchObject([
        { partnerId: null, partnerName: null, eligiblePartners: 0 },
      ]);
      expect(absent(answer.text, 'alpha', 'bravo', 'outsider')).toEqual([]);
    });

    /** What a partner may see: the runs that offered the referral to it, its own entry only. */
    async function forPartner(partnerId: string) {
      const runs = (await fullRuns(ids.referral)).filter((run) => run.partnerId === partnerId);
      const own = await system.call(system.referrals, 'GET', `/referrals/${ids.referral}`, {
        role: 'partner',
        org: partnerId,
      });
      return runs.map((run) => {
        const entry = entryOf(run, partnerId) as TraceEntry & Json;
        return {
          attempt: expect.any(Number),
          decidedAt: expect.any(String),
          result: 'offered',
          serviceId: entry.serviceId,
          agreementId: entry.agreementId,
          openCases: entry.openCases,
          capacity: entry.capacity,
          // The latest attempt's fate is the one its referral view shows.
          offerStatus: expect.any(String),
          ...(run === runs[runs.length - 1] ? { offerStatus: own.body.status } : {}),
        };
      });
    }

    it('a partner that declined reads only its own attempt and how it ended, nothing of the others', async () => {
      const answer = await decisionsOf(ids.referral, 'partner', ids.alpha);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(await forPartner(ids.alpha));
      expect(answer.body).toMatchObject([{ attempt: 1, offerStatus: 'declined', capacity: 10 }]);
      expect(absent(answer.text, 'bravo', 'outsider')).toEqual([]);
    });

    it('the partner now holding the offer reads only its own attempt, not the run that ranked it second', async () => {
      const answer = await decisionsOf(ids.referral, 'partner', ids.bravo);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(await forPartner(ids.bravo));
      expect(answer.body).toMatchObject([{ attempt: 2 }]);
      expect(absent(answer.text, 'alpha', 'outsider')).toEqual([]);
    });

    it('a partner never offered the referral gets 404, as for one that does not exist', async () => {
      const answer = await decisionsOf(ids.referral, 'partner', ids.outsider);
      expect(answer).toMatchObject({ status: 404, body: { code: 'REFERRAL_NOT_FOUND' } });
    });

    it('an auditor is refused the decision trace with 403', async () => {
      expect((await decisionsOf(ids.referral, 'auditor')).status).toBe(403);
    });
  });

  describe('timeline', () => {
    const events = (answer: { body: unknown }) =>
      (answer.body as { events: TimelineEvent[] }).events;
    const submittedData = (answer: { body: unknown }) =>
      events(answer).find((event) => event.type === 'concord.referral.submitted.v1')?.data;

    it('an administrator reads every event whole, the incident reference included', async () => {
      const answer = await timelineOf(ids.referral, 'admin');
      expect(answer.status).toBe(200);
      expect(submittedData(answer)).toMatchObject({ incidentReference, agencyId: ids.agency });
      const unassignable = events(await timelineOf(ids.unassignable, 'admin')).find(
        (event) => event.type === 'concord.referral.unassignable.v1',
      );
      expect(
        (unassignable?.data.ruledOut as { partnerId: string }[]).map((entry) => entry.partnerId),
      ).toEqual(expect.arrayContaining([ids.alpha, ids.bravo, ids.outsider]));
    });

    it("the referral's dispatcher reads its incident reference and the partners that got it", async () => {
      const answer = await timelineOf(ids.referral, 'dispatcher', ids.agency);
      expect(answer.status).toBe(200);
      expect(submittedData(answer)).toMatchObject({ incidentReference });
      const assigned = events(answer)
        .filter((event) => event.type === 'concord.referral.assigned.v1')
        .map((event) => event.data.partnerId);
      expect(assigned).toEqual([ids.alpha, ids.bravo]);
      expect(absent(answer.text, 'outsider')).toEqual([]);
    });

    it("a dispatcher's unassignable event counts the reasons and names no partner", async () => {
      const unassignableOf = (answer: { body: unknown }) =>
        events(answer).find((event) => event.type === 'concord.referral.unassignable.v1')?.data;
      const full = unassignableOf(await timelineOf(ids.unassignable, 'admin')) as Json;
      const dispatch = await timelineOf(ids.unassignable, 'dispatcher', ids.agency);
      const ruledOut = full.ruledOut as TraceEntry[];
      expect(unassignableOf(dispatch)).toEqual({
        referralId: ids.unassignable,
        category: 'youth',
        attempt: 1,
        ruledOutPartners: ruledOut.length,
        ruledOutByReason: countReasons(ruledOut),
      });
      expect(absent(dispatch.text, 'alpha', 'bravo', 'outsider')).toEqual([]);
    });

    it('an auditor reads the timeline without the incident reference, everything else kept', async () => {
      const full = await timelineOf(ids.referral, 'admin');
      const audited = await timelineOf(ids.referral, 'auditor');
      expect(audited.status).toBe(200);
      expect(audited.text).not.toContain(incidentReference);
      expect(audited.text).not.toContain('incidentReference');
      const withoutReference = events(full).map((event) => {
        const { incidentReference: _dropped, ...data } = event.data;
        return { ...event, data };
      });
      // Services of other tests on the broker may add events in between: compare those of both.
      const seen = new Set(withoutReference.map((event) => event.eventId));
      expect(events(audited).filter((event) => seen.has(event.eventId))).toEqual(withoutReference);
    });

    it('a partner is refused the timeline with 403', async () => {
      expect((await timelineOf(ids.referral, 'partner', ids.bravo)).status).toBe(403);
    });
  });
});
