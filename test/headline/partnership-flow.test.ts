import { Json } from '@concord/testing';
import { Riverton, seedRiverton, walkCrisisReferral } from '../../scripts/demo/riverton';
import { ConcordSystem } from '../support/concord-system';

/** form-token.ts's minimum time to fill the survey, and a little more. */
const FILL_TIME_MS = 4_100;
const HOUR = 3_600_000;

interface ReviewMeasure {
  measure: string;
  value: number | null;
  target: { target: number; met: boolean | null } | null;
}
interface Review {
  period: { from: string; to: string; quarters: string[] };
  initiative: { measures: ReviewMeasure[] };
  agreements: { partnerId: string; agreementIds: string[]; measures: ReviewMeasure[] }[];
}

const valueOf = (measures: ReviewMeasure[], name: string) =>
  measures.find(({ measure }) => measure === name);

/** The quarter a moment falls in, in UTC: `2026-Q4`. */
const quarterOf = (moment: Date) =>
  `${moment.getUTCFullYear()}-Q${Math.floor(moment.getUTCMonth() / 3) + 1}`;

/**
 * What "done" means for the partnership beyond referrals, across the services as separate
 * processes: an administrator sets the initiative's targets, plans a joint training that a
 * partner confirms and records who came; residents answer the published survey without an
 * account; and the quarter's partnership review shows the training and the feedback next to the
 * referral KPIs of the agreement that carried a crisis call.
 */
describe('the partnership beyond referrals across the services', () => {
  jest.setTimeout(300_000);

  let system: ConcordSystem;
  let city: Riverton;
  const admin = { role: 'admin' as const };
  let crisisTeam: { role: 'partner'; org: string };
  const quarter = quarterOf(new Date());

  beforeAll(async () => {
    system = await ConcordSystem.start();
    city = await seedRiverton(system.client);
    crisisTeam = { role: 'partner', org: city.partners.behavioralHealth };
    await walkCrisisReferral(system.client, city);
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('plans a training, which the partner confirms and whose attendance is recorded', async () => {
    await system.client.call(
      admin,
      'agreements',
      'PUT',
      `/initiatives/${city.initiativeId}/kpi-targets`,
      {
        kpiTargets: [
          { kind: 'trainings-per-quarter', metric: 'Joint trainings a quarter', target: 1 },
          { kind: 'attendance-per-quarter', metric: 'People trained a quarter', target: 30 },
          { kind: 'acceptance-rate', metric: 'Offers accepted', target: 0.8 },
          { kind: 'feedback-score', metric: 'Community feedback', target: 4 },
        ],
      },
    );
    const planned = await system.client.call<{ id: string; status: string }>(
      admin,
      'agreements',
      'POST',
      `/initiatives/${city.initiativeId}/activities`,
      {
        kind: 'training',
        topic: 'crisis-de-escalation',
        title: 'De-escalation for co-responders',
        place: 'Riverton Community Centre, Hall B',
        startsAt: new Date(Date.now() - 3 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - HOUR).toISOString(),
        organizationIds: [city.agencyId, city.partners.behavioralHealth],
      },
    );
    const confirmed = await system.client.call<{ participants: Json[] }>(
      crisisTeam,
      'agreements',
      'POST',
      `/activities/${planned.id}/participation`,
    );
    expect(confirmed.participants).toContainEqual(
      expect.objectContaining({ organizationId: city.partners.behavioralHealth, confirmed: true }),
    );
    const held = await system.client.call<{ status: string }>(
      admin,
      'agreements',
      'PUT',
      `/activities/${planned.id}/attendance`,
      {
        attendance: [
          { organizationId: city.agencyId, attendees: 14 },
          { organizationId: city.partners.behavioralHealth, attendees: 6 },
        ],
      },
    );
    expect(held.status).toBe('held');
  });

  it('takes five anonymous answers through the survey’s public link, without an account', async () => {
    const survey = await system.client.call<{ id: string; publicUrl: string }>(
      admin,
      'agreements',
      'POST',
      `/initiatives/${city.initiativeId}/surveys`,
      { title: 'How did we do?' },
    );
    const forms = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const response = await fetch(`${system.client.urls.agreements}/surveys/${survey.id}/form`);
        expect(response.status).toBe(200);
        return (await response.json()) as { token: string };
      }),
    );
    await new Promise((done) => setTimeout(done, FILL_TIME_MS));
    const scores = [5, 4, 4, 5, 3];
    for (const [index, { token }] of forms.entries()) {
      const response = await fetch(
        `${system.client.urls.agreements}/surveys/${survey.id}/answers`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            token,
            scores: { helped: scores[index], respected: 5 },
            comment: 'They came quickly.',
          }),
        },
      );
      expect(response.status).toBe(201);
    }
  });

  it('reads the quarter’s review with the training and the feedback next to the referral KPIs', async () => {
    const review = await system.client.until(
      'the review to count the training and answers',
      async () => {
        const answer = await system.client.call<Review>(
          admin,
          'insights',
          'GET',
          `/initiatives/${city.initiativeId}/review?quarter=${quarter}`,
        );
        const { measures } = answer.initiative;
        return valueOf(measures, 'trainings-held')?.value === 1 &&
          valueOf(measures, 'feedback-answers')?.value === 5
          ? answer
          : undefined;
      },
    );
    const initiative = review.initiative.measures;
    expect(valueOf(initiative, 'trainings-held')?.target).toMatchObject({ target: 1, met: true });
    expect(valueOf(initiative, 'attendees')).toMatchObject({
      value: 20,
      target: { target: 30, met: false },
    });
    expect(valueOf(initiative, 'feedback-helped')?.value).toBeCloseTo(21 / 5, 10);
    expect(valueOf(initiative, 'feedback-respected')?.value).toBe(5);

    const crisis = review.agreements.find(
      ({ partnerId }) => partnerId === city.partners.behavioralHealth,
    );
    expect(crisis?.agreementIds).toContain(city.agreements.behavioralHealth);
    const measures = crisis?.measures ?? [];
    expect(valueOf(measures, 'offers-accepted')?.value).toBe(1);
    expect(valueOf(measures, 'acceptance-rate')).toMatchObject({
      value: 1,
      target: { target: 0.8, met: true },
    });
    expect(valueOf(measures, 'completed-successful')?.value).toBe(1);
    expect(valueOf(measures, 'trainings-attended')?.value).toBe(1);
    expect(valueOf(measures, 'attendees')?.value).toBe(6);
  });

  it('gives the same review as CSV and as a printable page', async () => {
    const base = `${system.client.urls.insights}/initiatives/${city.initiativeId}/review?quarter=${quarter}`;
    const token = await system.client.token(admin);
    const csv = await fetch(`${base}&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain('trainings-held');
    const html = await fetch(`${base}&format=html`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Behavioural-health co-response 2027');
  });
});
