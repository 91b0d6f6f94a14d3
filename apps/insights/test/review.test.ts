import { randomUUID } from 'node:crypto';
import {
  ActivityEvents,
  ActivityKind,
  AgreementEvents,
  AgreementSnapshotV1,
  FeedbackEvents,
  FeedbackScoresV1,
  FundingEvents,
  InitiativeEvents,
  KpiTargetV1,
  OrganizationEvents,
  PartnerServiceV1,
} from '@concord/contracts';
import { DOWNTOWN } from '../../../test/support/fixtures';
import { devToken } from '../../../test/support/tokens';
import { parseCsv } from '@concord/testing';
import { withinHistogramBound } from './support/expected-kpis';
import {
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { CRISIS, Partner, Programme, ReferralScript } from './support/scenario';
import { PartnershipReview } from '../src/review/partnership-review';
import { ReviewMeasure } from '../src/review/review-measure';
import { quarterStart } from '../src/partnership/quarter';

const DAY = 24 * 3600 * 1000;
/** The quarter reviewed and the one before it: fixed past quarters, the initiative is fresh. */
const QUARTER = '2025-Q3';
const PREVIOUS = '2025-Q2';
const into = (quarter: string, days: number, hours = 9): Date =>
  new Date(quarterStart(quarter).getTime() + days * DAY + hours * 3600 * 1000);

const TARGETS: KpiTargetV1[] = [
  { kind: 'acceptance-rate', metric: 'Offers accepted', target: 0.55 },
  { kind: 'median-minutes-to-accept', metric: 'Minutes to accept', target: 15 },
  { kind: 'cost-per-completed-case-cents', metric: 'Cost per case', target: 6000, unit: 'cents' },
  { kind: 'outcome-recorded-share', metric: 'Outcome recorded', target: 0.9 },
  { kind: 'trainings-per-quarter', metric: 'Joint trainings', target: 2 },
  { kind: 'attendance-per-quarter', metric: 'People at activities', target: 40 },
  { kind: 'feedback-score', metric: 'Community score', target: 4 },
  { metric: 'Press coverage', target: 1 },
];

/**
 * A hand-computed scenario of one initiative over two quarters, published as its services would:
 *
 * Agreements: p1 (Harbor House) active, p2 activated then suspended, p3 active with no referral.
 * Budgets: p1 awarded 100,000, p2 awarded 50,000; every charge reserved first.
 *
 * 2025-Q3 (times in seconds after submission):
 * - r1: p1 offered at 60, accepted at 660 (600 s), charged 5000, completed successful;
 * - r2: p1 offered at 30, declined no-capacity at 330; p2 offered at 400, accepted at 1600
 *   (1200 s), charged 7000, completed unsuccessful unable-to-contact;
 * - r3: p1 offered at 100, accepted at 1900 (1800 s), charged 5000, completed unsuccessful
 *   refused-services;
 * - r4: p1 offered at 20, expired at 3620; p2 offered at 3700, declined outside-service-area at
 *   3800; cancelled at 4000;
 * - r5: p1 offered at 50, accepted at 350 (300 s), charged 5000, still open.
 * - activities: training t1 held (p1 4, p2 3, the agency 10), training t2 held (p1 2, agency 6),
 *   community meeting c1 held (p3 5), training t3 cancelled, training t4 still planned;
 * - six answers, every question's mean worked below.
 * 2025-Q2:
 * - s1: p1 offered at 60, accepted at 960 (900 s), charged 4000, completed successful;
 * - s2: p1 offered at 60, declined no-capacity at 100, cancelled at 200;
 * - training t0 held (p1 5, agency 5); three answers (fewer than five: suppressed).
 */
async function publishScenario(publisher: EventPublisher) {
  const programme = new Programme(3);
  const [p1, p2, p3] = programme.partners;
  const { initiativeId, agencyId } = programme;
  const at = (quarter: string, days: number) => into(quarter, days);

  await publisher.publish(
    InitiativeEvents.launched,
    {
      initiativeId,
      name: 'Crisis response <pilot>',
      leadAgencyId: agencyId,
      partnerIds: [p1.id, p2.id, p3.id],
      categories: [CRISIS],
      periodFrom: '2025-01-01',
      periodTo: '2026-12-31',
      revision: 1,
      kpiTargets: TARGETS,
    },
    at(PREVIOUS, 0),
  );
  const service = (): PartnerServiceV1 => ({
    serviceId: randomUUID(),
    name: 'Crisis team',
    category: CRISIS,
    area: DOWNTOWN as PartnerServiceV1['area'],
    capacity: 10,
    hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
    eligibility: {},
  });
  await publisher.publish(
    OrganizationEvents.registered,
    {
      organizationId: p1.id,
      name: 'Harbor House',
      type: 'mental-health-provider',
      revision: 1,
      services: [service()],
    },
    at(PREVIOUS, 0),
  );
  const agreement = (partner: Partner, status: 'active' | 'suspended'): AgreementSnapshotV1 => ({
    agreementId: partner.agreementId,
    agencyId,
    partnerId: partner.id,
    initiativeId,
    version: 1,
    status,
    categories: [CRISIS],
    sharedFields: [],
    acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
    effectiveFrom: '2025-01-01',
  });
  for (const partner of [p1, p2, p3]) {
    await publisher.publish(
      AgreementEvents.activated,
      agreement(partner, 'active'),
      at(PREVIOUS, 0),
    );
  }
  await publisher.publish(AgreementEvents.suspended, agreement(p2, 'suspended'), at(QUARTER, 80));

  for (const [partner, awardedCents] of [
    [p1, 100_000],
    [p2, 50_000],
  ] as const) {
    await publisher.publish(
      FundingEvents.budgetOpened,
      {
        budgetId: programme.openBudget(partner),
        initiativeId,
        partnerId: partner.id,
        awardedCents,
        availableCents: awardedCents,
        costPerCaseCents: 5000,
      },
      at(PREVIOUS, 0),
    );
  }

  const referral = (quarter: string, day: number) =>
    new ReferralScript(publisher, programme, CRISIS, into(quarter, day));
  const paid = async (script: ReferralScript, seconds: number, partner: Partner, cents: number) => {
    await script.reserve(seconds, partner, cents);
    await script.charge(seconds + 1, partner, cents);
  };

  const r1 = referral(QUARTER, 3);
  await r1.submit();
  await r1.assign(60, p1);
  await r1.accept(660, p1);
  await paid(r1, 661, p1, 5000);
  await r1.complete(7200, p1, 'successful');

  const r2 = referral(QUARTER, 10);
  await r2.submit();
  await r2.assign(30, p1);
  await r2.decline(330, p1, 'no-capacity');
  await r2.assign(400, p2);
  await r2.accept(1600, p2);
  await paid(r2, 1601, p2, 7000);
  await r2.complete(9000, p2, 'unsuccessful', 'unable-to-contact');

  const r3 = referral(QUARTER, 20);
  await r3.submit();
  await r3.assign(100, p1);
  await r3.accept(1900, p1);
  await paid(r3, 1901, p1, 5000);
  await r3.complete(9000, p1, 'unsuccessful', 'refused-services');

  const r4 = referral(QUARTER, 30);
  await r4.submit();
  await r4.assign(20, p1, 3600);
  await r4.expire(3620, p1);
  await r4.assign(3700, p2);
  await r4.decline(3800, p2, 'outside-service-area');
  await r4.cancel(4000);

  const r5 = referral(QUARTER, 40);
  await r5.submit();
  await r5.assign(50, p1);
  await r5.accept(350, p1);
  await paid(r5, 351, p1, 5000);

  const s1 = referral(PREVIOUS, 5);
  await s1.submit();
  await s1.assign(60, p1);
  await s1.accept(960, p1);
  await paid(s1, 961, p1, 4000);
  await s1.complete(9000, p1, 'successful');

  const s2 = referral(PREVIOUS, 6);
  await s2.submit();
  await s2.assign(60, p1);
  await s2.decline(100, p1, 'no-capacity');
  await s2.cancel(200);

  const activity = async (
    quarter: string,
    day: number,
    kind: ActivityKind,
    attendees: [Partner | 'agency', number][],
    ending: 'held' | 'cancelled' | 'planned' = 'held',
  ) => {
    const activityId = randomUUID();
    const startsAt = into(quarter, day, 14);
    const snapshot = (
      revision: number,
      status: 'planned' | 'held' | 'cancelled',
      counted: boolean,
    ) => ({
      activityId,
      initiativeId,
      kind,
      topic: 'crisis-de-escalation' as const,
      status,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3600 * 1000).toISOString(),
      revision,
      participants: attendees.map(([who, count]) => ({
        organizationId: who === 'agency' ? agencyId : who.id,
        confirmed: true,
        ...(counted ? { attendees: count } : {}),
      })),
    });
    await publisher.publish(
      ActivityEvents.planned,
      snapshot(1, 'planned', false),
      into(quarter, 0),
    );
    if (ending === 'held') {
      await publisher.publish(
        ActivityEvents.attendanceRecorded,
        snapshot(2, 'held', true),
        startsAt,
      );
    } else if (ending === 'cancelled') {
      await publisher.publish(ActivityEvents.cancelled, snapshot(2, 'cancelled', false), startsAt);
    }
  };
  await activity(QUARTER, 5, 'training', [
    [p1, 4],
    [p2, 3],
    ['agency', 10],
  ]);
  await activity(QUARTER, 35, 'training', [
    [p1, 2],
    ['agency', 6],
  ]);
  await activity(QUARTER, 50, 'community-meeting', [[p3, 5]]);
  await activity(QUARTER, 60, 'training', [[p1, 3]], 'cancelled');
  await activity(QUARTER, 85, 'training', [[p1, 3]], 'planned');
  await activity(PREVIOUS, 40, 'training', [
    [p1, 5],
    ['agency', 5],
  ]);

  const surveyId = randomUUID();
  const answer = (quarter: string, day: number, scores: FeedbackScoresV1) =>
    publisher.publish(
      FeedbackEvents.received,
      { surveyId, initiativeId, areaCode: '9q8yy', scores },
      into(quarter, day),
    );
  const answers: [number, number, number, number | undefined][] = [
    [5, 5, 4, 5],
    [4, 5, 3, 4],
    [4, 4, 4, 4],
    [5, 5, 5, 5],
    [4, 4, 2, 4],
    [5, 4, 3, 5],
  ];
  for (const [index, [helped, respected, timely, wouldCallAgain]] of answers.entries()) {
    await answer(QUARTER, 10 + index, { helped, respected, timely, wouldCallAgain });
  }
  for (const day of [10, 11, 12]) await answer(PREVIOUS, day, { helped: 1, respected: 1 });

  return { programme, p1, p2, p3 };
}

describe('the partnership review of an initiative, from the events of a hand-computed scenario', () => {
  let insights: Awaited<ReturnType<typeof startInsightsService>>;
  let publisher: EventPublisher;
  let admin: InsightsApi;
  let scenario: Awaited<ReturnType<typeof publishScenario>>;
  let review: PartnershipReview;

  const path = (query = `quarter=${QUARTER}`) =>
    `/initiatives/${scenario.programme.initiativeId}/review?${query}`;

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    scenario = await publishScenario(publisher);
    await untilRecorded(insights, publisher.published);
    review = await admin.expect<PartnershipReview>(200, path());
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const measuresOf = (partner: Partner): readonly ReviewMeasure[] => {
    const agreement = review.agreements.find(({ partnerId }) => partnerId === partner.id);
    if (!agreement) throw new Error(`no agreement of partner ${partner.id} in the review`);
    return agreement.measures;
  };
  const find = (measures: readonly ReviewMeasure[], name: string): ReviewMeasure => {
    const found = measures.find(({ measure }) => measure === name);
    if (!found) throw new Error(`no measure ${name}`);
    return found;
  };
  /** name → [this period, previous period] */
  const values = (measures: readonly ReviewMeasure[], names: string[]) =>
    Object.fromEntries(
      names.map((name) => {
        const m = find(measures, name);
        return [name, [m.value, m.trend.previous]];
      }),
    );

  it('covers the quarter and compares it with the one before', () => {
    expect(review.period).toEqual({
      label: QUARTER,
      from: '2025-07-01',
      to: '2025-09-30',
      quarters: [QUARTER],
    });
    expect(review.previousPeriod.label).toBe(PREVIOUS);
    expect(review.initiativeName).toBe('Crisis response <pilot>');
  });

  it('lists every agreement of the initiative, one with no referral among them', () => {
    const { p1, p2, p3 } = scenario;
    expect(
      review.agreements.map(({ partnerId, agreementIds, status, partnerName }) => ({
        partnerId,
        agreementIds,
        status,
        partnerName,
      })),
    ).toEqual([
      {
        partnerId: p1.id,
        agreementIds: [p1.agreementId],
        status: 'active',
        partnerName: 'Harbor House',
      },
      ...[
        {
          partnerId: p2.id,
          agreementIds: [p2.agreementId],
          status: 'suspended',
          partnerName: null,
        },
        { partnerId: p3.id, agreementIds: [p3.agreementId], status: 'active', partnerName: null },
      ].sort((a, b) => a.partnerId.localeCompare(b.partnerId)),
    ]);
    expect(find(measuresOf(p3), 'offers-received').value).toBe(0);
  });

  it("each agreement's counts and sums equal the scenario's, in both periods", () => {
    expect(
      values(measuresOf(scenario.p1), [
        'offers-received',
        'referrals-carried',
        'offers-accepted',
        'completed-successful',
        'completed-unsuccessful',
        'completed-unsuccessful:refused-services',
        'declined',
        'declined:no-capacity',
        'charged-cents',
        'cost-per-completed-case-cents',
        'activities-attended',
        'trainings-attended',
        'attendees',
      ]),
    ).toEqual({
      'offers-received': [5, 2],
      'referrals-carried': [3, 2],
      'offers-accepted': [3, 1],
      'completed-successful': [1, 1],
      'completed-unsuccessful': [1, 0],
      'completed-unsuccessful:refused-services': [1, 0],
      declined: [1, 1],
      'declined:no-capacity': [1, 1],
      'charged-cents': [15_000, 4000],
      'cost-per-completed-case-cents': [7500, 4000],
      'activities-attended': [2, 1],
      'trainings-attended': [2, 1],
      attendees: [6, 5],
    });
    expect(
      values(measuresOf(scenario.p2), [
        'offers-received',
        'referrals-carried',
        'completed-unsuccessful:unable-to-contact',
        'declined:outside-service-area',
        'charged-cents',
        'attendees',
      ]),
    ).toEqual({
      'offers-received': [2, 0],
      'referrals-carried': [2, 0],
      'completed-unsuccessful:unable-to-contact': [1, 0],
      'declined:outside-service-area': [1, 0],
      'charged-cents': [7000, 0],
      attendees: [3, 0],
    });
  });

  it('rates and shares are checked against their targets, with the trend from the quarter before', () => {
    const measures = measuresOf(scenario.p1);
    expect(find(measures, 'acceptance-rate')).toEqual({
      measure: 'acceptance-rate',
      unit: 'share',
      value: 3 / 5,
      trend: { previous: 1 / 2, change: 3 / 5 - 1 / 2, direction: 'better' },
      target: { kind: 'acceptance-rate', target: 0.55, actual: 3 / 5, met: true },
    });
    expect(find(measures, 'outcome-recorded-share')).toMatchObject({
      value: 2 / 3,
      trend: { previous: 1, direction: 'worse' },
      target: { target: 0.9, met: false },
    });
    expect(find(measures, 'cost-per-completed-case-cents')).toMatchObject({
      trend: { change: 3500, direction: 'worse' },
      target: { target: 6000, actual: 7500, met: false },
    });
    expect(find(measuresOf(scenario.p2), 'acceptance-rate')).toMatchObject({
      value: 1 / 2,
      trend: { previous: null, change: null, direction: null },
      target: { met: false },
    });
  });

  it('time to accept is within the KPIs’ bound (1 % + 1 ms) of the exact percentiles', () => {
    const measures = measuresOf(scenario.p1);
    // p1's accepted referrals waited 300, 600 and 1800 s: p50 600 s, p90 1560 s; before, 900 s.
    const exact = { p50: 600, p90: 600 + 0.8 * 1200, previous: 900 };
    const p50 = find(measures, 'minutes-to-accept-p50');
    const p90 = find(measures, 'minutes-to-accept-p90');
    const inSeconds = (minutes: number | null) => (minutes === null ? null : minutes * 60);
    expect(withinHistogramBound(inSeconds(p50.value), exact.p50)).toBe(true);
    expect(withinHistogramBound(inSeconds(p90.value), exact.p90)).toBe(true);
    expect(withinHistogramBound(inSeconds(p50.trend.previous), exact.previous)).toBe(true);
    expect(p50.trend.direction).toBe('better');
    expect(p50.target).toMatchObject({ kind: 'median-minutes-to-accept', target: 15, met: true });
  });

  it("budget use is each partner's budgets of the initiative as the ledger has them", () => {
    expect(
      values(measuresOf(scenario.p1), [
        'budget-awarded-cents',
        'budget-reserved-cents',
        'budget-charged-cents',
        'budget-available-cents',
        'budget-utilisation',
      ]),
    ).toEqual({
      'budget-awarded-cents': [100_000, null],
      'budget-reserved-cents': [0, null],
      'budget-charged-cents': [19_000, null],
      'budget-available-cents': [81_000, null],
      'budget-utilisation': [0.19, null],
    });
    expect(find(measuresOf(scenario.p2), 'budget-utilisation').value).toBe(7000 / 50_000);
  });

  it("the initiative's held activities count against the per-quarter targets", () => {
    const measures = review.initiative.measures;
    expect(values(measures, ['trainings-held', 'community-events-held', 'attendees'])).toEqual({
      'trainings-held': [2, 1],
      'community-events-held': [1, 0],
      attendees: [30, 10],
    });
    expect(find(measures, 'trainings-held').target).toEqual({
      kind: 'trainings-per-quarter',
      target: 2,
      actual: 2,
      met: true,
    });
    expect(find(measures, 'attendees').target).toMatchObject({ actual: 30, met: false });
  });

  it('community feedback is the initiative’s, shown for five answers or more and suppressed under', () => {
    const measures = review.initiative.measures;
    expect(
      values(measures, [
        'feedback-answers',
        'feedback-helped',
        'feedback-respected',
        'feedback-timely',
        'feedback-wouldCallAgain',
        'feedback-score',
      ]),
    ).toEqual({
      'feedback-answers': [6, null],
      'feedback-helped': [4.5, null],
      'feedback-respected': [4.5, null],
      'feedback-timely': [3.5, null],
      'feedback-wouldCallAgain': [4.5, null],
      'feedback-score': [4.25, null],
    });
    expect(find(measures, 'feedback-score').target).toMatchObject({ actual: 4.25, met: true });
    for (const agreement of review.agreements) {
      expect(agreement.measures.some(({ measure }) => measure.startsWith('feedback'))).toBe(false);
    }
  });

  it('the CSV has one row per agreement × measure with the figures of the JSON', async () => {
    const response = await fetch(`${insights.url}${path()}`, {
      headers: { authorization: `Bearer ${await devToken('auditor')}`, accept: 'text/csv' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...rows] = parseCsv(await response.text());
    const agreementRows = rows.filter((row) => row[header.indexOf('scope')] === 'agreement');
    expect(agreementRows).toHaveLength(
      review.agreements.reduce((total, { measures }) => total + measures.length, 0),
    );
    const charged = agreementRows.find(
      (row) =>
        row[header.indexOf('partner_id')] === scenario.p1.id &&
        row[header.indexOf('measure')] === 'charged-cents',
    );
    expect([charged?.[header.indexOf('value')], charged?.[header.indexOf('previous')]]).toEqual([
      '15000',
      '4000',
    ]);
  });

  it('the printable page shows the figures, escapes the names and runs no script', async () => {
    const response = await fetch(`${insights.url}${path(`quarter=${QUARTER}&format=html`)}`, {
      headers: { authorization: `Bearer ${await devToken('admin')}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('Crisis response &lt;pilot&gt;');
    expect(html).toContain('Harbor House');
    expect(html).toContain('$75.00');
    expect(html).toMatch(/Acceptance rate<\/th>\s*<td>60\.0 %<\/td><td>50\.0 %<\/td>/);
    expect(html).not.toMatch(/<script/i);
  });

  it('the PDF is a PDF, by the Accept header or by format', async () => {
    const byAccept = await fetch(`${insights.url}${path()}`, {
      headers: { authorization: `Bearer ${await devToken('admin')}`, accept: 'application/pdf' },
    });
    expect(byAccept.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await byAccept.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const byFormat = await fetch(`${insights.url}${path(`quarter=${QUARTER}&format=pdf`)}`, {
      headers: { authorization: `Bearer ${await devToken('admin')}` },
    });
    expect(byFormat.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.pdf"$/);
  });

  it('a run of days is compared with as many days before it', async () => {
    const days = await admin.expect<PartnershipReview>(200, path('from=2025-07-01&to=2025-07-31'));
    expect(days.previousPeriod).toMatchObject({ from: '2025-05-31', to: '2025-06-30' });
    // r1 to r4 were submitted in July, s1 and s2 in April; no whole quarter, so no feedback and
    // no per-quarter check.
    const p1 = days.agreements.find(({ partnerId }) => partnerId === scenario.p1.id);
    expect(values(p1?.measures ?? [], ['offers-received'])).toEqual({ 'offers-received': [4, 0] });
    expect(find(days.initiative.measures, 'feedback-score').value).toBeNull();
    expect(find(days.initiative.measures, 'trainings-held').target).toMatchObject({ met: null });
  });

  it('refuses a period that breaks a rule, naming the field', async () => {
    for (const [query, field] of [
      ['quarter=2025-Q5', 'quarter'],
      [`quarter=${QUARTER}&from=2025-07-01&to=2025-07-31`, 'quarter'],
      ['from=2025-07-01', 'to'],
      ['from=2025-07-31&to=2025-07-01', 'to'],
      ['format=xml', 'format'],
    ]) {
      const answer = await admin.get<{ message: string[] }>(path(query));
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.message)).toContain(field);
    }
  });

  it('is for admins and auditors only, and 404 for an initiative insights has not seen', async () => {
    const partner = new InsightsApi(insights, await devToken('partner', scenario.p1.id));
    expect((await partner.get(path())).status).toBe(403);
    const unknown = await admin.get<{ code: string }>(`/initiatives/${randomUUID()}/review`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'INITIATIVE_NOT_FOUND']);
  });
});
