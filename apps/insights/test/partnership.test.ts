import { randomUUID } from 'node:crypto';
import {
  ActivityEvents,
  ActivityParticipantV1,
  ActivitySnapshotV1,
  EventDefinition,
  FeedbackEvents,
  FeedbackScoresV1,
  InitiativeEvents,
  InitiativeSnapshotV1,
  OrganizationChangedV1,
  OrganizationEvents,
  PartnerServiceV1,
} from '@concord/contracts';
import { DOWNTOWN } from '../../../test/support/fixtures';
import { query } from '../../../test/support/infrastructure';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import { ActivityFiguresView } from '../src/partnership/activity-figures.service';
import { FeedbackResultsView } from '../src/partnership/feedback-results.service';
import { Quarter, quarterOf, quarterStart } from '../src/partnership/quarter';
import {
  EventPublisher,
  InsightsApi,
  startInsightsService,
  stopInsightsService,
  untilRecorded,
} from './support/insights-service';
import { rebuild } from './support/rebuild-script';

const DAY = 24 * 3600 * 1000;
/** The quarter before the one `moment` falls in. */
const quarterBefore = (moment: Date): Quarter =>
  quarterOf(new Date(quarterStart(quarterOf(moment)).getTime() - 1));
/** `days` days (and `hours` hours) into the quarter, UTC. */
const into = (quarter: Quarter, days: number, hours = 0): Date =>
  new Date(quarterStart(quarter).getTime() + days * DAY + hours * 3600 * 1000);

/** Two whole quarters before this one: the scenario's past. */
const SECOND = quarterBefore(new Date());
const FIRST = quarterBefore(quarterStart(SECOND));
const PERIOD = `from=${quarterStart(FIRST).toISOString().slice(0, 10)}&to=${into(SECOND, 80).toISOString().slice(0, 10)}`;

describe('the partnership figures, from the events on the broker', () => {
  let insights: ServiceProcess;
  let publisher: EventPublisher;
  let admin: InsightsApi;

  const initiativeId = randomUUID();
  const police = randomUUID();
  const shelter = randomUUID();

  const initiative = (revision: number, trainingsPerQuarter: number): InitiativeSnapshotV1 => ({
    initiativeId,
    name: 'Crisis response partnership',
    leadAgencyId: police,
    partnerIds: [shelter],
    categories: ['mental-health-crisis'],
    periodFrom: quarterStart(FIRST).toISOString().slice(0, 10),
    periodTo: into(SECOND, 85).toISOString().slice(0, 10),
    revision,
    kpiTargets: [
      { kind: 'trainings-per-quarter', metric: 'Joint trainings', target: trainingsPerQuarter },
      { kind: 'attendance-per-quarter', metric: 'People at activities', target: 30 },
      { metric: 'Press coverage', target: 1 },
    ],
  });

  type Step = [
    EventDefinition<ActivitySnapshotV1>,
    ActivitySnapshotV1['status'],
    Record<string, number | undefined>,
  ];

  /** Publishes an activity's snapshots, one per step, revisions counted from 1. */
  async function activity(
    kind: ActivitySnapshotV1['kind'],
    startsAt: Date,
    steps: Step[],
  ): Promise<ActivitySnapshotV1[]> {
    const activityId = randomUUID();
    const snapshots = steps.map(([, status, attendance], index): ActivitySnapshotV1 => ({
      activityId,
      initiativeId,
      kind,
      topic: 'crisis-de-escalation' as const,
      status,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3600 * 1000).toISOString(),
      revision: index + 1,
      participants: Object.entries(attendance).map(
        ([organizationId, attendees]): ActivityParticipantV1 => ({
          organizationId,
          confirmed: true,
          ...(attendees === undefined ? {} : { attendees }),
        }),
      ),
    }));
    for (const [index, [definition]] of steps.entries()) {
      await publisher.publish(definition, snapshots[index], new Date());
    }
    return snapshots;
  }

  /** `count` answers scoring `helped` and respected 4, from the area code if any. */
  const answers = (count: number, quarter: Quarter, areaCode: string | undefined, helped: number) =>
    Array.from({ length: count }, () => ({
      quarter,
      areaCode,
      scores: { helped, respected: 4 } as FeedbackScoresV1,
    }));

  beforeAll(async () => {
    [insights, publisher] = await Promise.all([startInsightsService(), EventPublisher.connect()]);
    admin = new InsightsApi(insights, await devToken('admin'));
    const now = new Date();
    // The targets were raised to 2 trainings a quarter (revision 2); the launch snapshot
    // (revision 1, 5 a quarter) arriving after it must not undo that.
    await publisher.publish(InitiativeEvents.targetsSet, initiative(2, 2), now);
    await publisher.publish(InitiativeEvents.launched, initiative(1, 5), now);

    const { planned, participationConfirmed, attendanceRecorded, cancelled } = ActivityEvents;
    const activities = [
      // FIRST: two trainings and a community meeting held; a cancelled training.
      await activity('training', into(FIRST, 10, 9), [
        [planned, 'planned', { [police]: undefined, [shelter]: undefined }],
        [participationConfirmed, 'planned', { [police]: undefined, [shelter]: undefined }],
        [attendanceRecorded, 'held', { [police]: 10, [shelter]: 5 }],
      ]),
      await activity('training', into(FIRST, 40, 9), [
        [planned, 'planned', { [police]: undefined, [shelter]: undefined }],
        [attendanceRecorded, 'held', { [police]: 8, [shelter]: 0 }],
      ]),
      await activity('training', into(FIRST, 50, 9), [
        [planned, 'planned', { [police]: undefined }],
        [cancelled, 'cancelled', { [police]: undefined }],
      ]),
      await activity('community-meeting', into(FIRST, 60, 18), [
        [planned, 'planned', { [shelter]: undefined }],
        [attendanceRecorded, 'held', { [shelter]: 20 }],
      ]),
      // SECOND: one training held, one still planned.
      await activity('training', into(SECOND, 5, 9), [
        [planned, 'planned', { [police]: undefined }],
        [attendanceRecorded, 'held', { [police]: 12 }],
      ]),
      await activity('training', into(SECOND, 70, 9), [
        [planned, 'planned', { [police]: undefined }],
      ]),
    ];
    // The second training's planning snapshot again, late: revision 1 after revision 2.
    await publisher.publish(planned, activities[1][0], new Date());

    // FIRST: 6 answers from 9q8yy, 5 from 9q8yz, 2 without an area code;
    // SECOND: 3 from 9q8yy only.
    const community = [
      ...answers(6, FIRST, '9q8yy', 5),
      ...answers(5, FIRST, '9q8yz', 3),
      ...answers(2, FIRST, undefined, 1),
      ...answers(3, SECOND, '9q8yy', 4),
    ];
    const surveyId = randomUUID();
    for (const [index, { quarter, areaCode, scores }] of community.entries()) {
      await publisher.publish(
        FeedbackEvents.received,
        { surveyId, initiativeId, ...(areaCode ? { areaCode } : {}), scores },
        into(quarter, 20, index),
      );
    }

    await untilRecorded(insights, publisher.published);
  });

  afterAll(async () => {
    await publisher?.disconnect();
    await stopInsightsService(insights);
  });

  const figures = () =>
    admin.expect<ActivityFiguresView>(
      200,
      `/initiatives/${initiativeId}/activity-figures?${PERIOD}`,
    );
  const feedback = () =>
    admin.expect<FeedbackResultsView>(200, `/feedback?initiativeId=${initiativeId}&${PERIOD}`);

  it('trainings per quarter are counted against the target', async () => {
    const { quarters } = await figures();
    expect(
      quarters.map(({ quarter, trainingsHeld, targets }) => [quarter, trainingsHeld, targets[0]]),
    ).toEqual([
      [
        FIRST,
        2,
        {
          kind: 'trainings-per-quarter',
          metric: 'Joint trainings',
          target: 2,
          actual: 2,
          met: true,
        },
      ],
      [
        SECOND,
        1,
        {
          kind: 'trainings-per-quarter',
          metric: 'Joint trainings',
          target: 2,
          actual: 1,
          met: false,
        },
      ],
    ]);
  });

  it('attendance is counted per quarter and per organisation, held activities only', async () => {
    const [first, second] = (await figures()).quarters;
    expect(first).toMatchObject({ communityEventsHeld: 1, attendees: 43 });
    expect(first.targets[1]).toEqual({
      kind: 'attendance-per-quarter',
      metric: 'People at activities',
      target: 30,
      actual: 43,
      met: true,
    });
    expect(first.byOrganization).toEqual(
      [
        { organizationId: police, activitiesAttended: 2, trainingsAttended: 2, attendees: 18 },
        { organizationId: shelter, activitiesAttended: 2, trainingsAttended: 1, attendees: 25 },
      ].sort((a, b) => a.organizationId.localeCompare(b.organizationId)),
    );
    expect(second).toMatchObject({ communityEventsHeld: 0, attendees: 12 });
  });

  it('an older snapshot arriving late does not undo a newer one', async () => {
    const [targets] = await query<{ revision: number; kpi_targets: { target: number }[] }>(
      insights.env.DATABASE_URL,
      'SELECT revision, kpi_targets FROM initiative_targets WHERE initiative_id = $1',
      [initiativeId],
    );
    expect([targets.revision, targets.kpi_targets[0].target]).toEqual([2, 2]);
    const statuses = await query<{ status: string; revision: number }>(
      insights.env.DATABASE_URL,
      'SELECT status, revision FROM activities WHERE initiative_id = $1 AND starts_at = $2',
      [initiativeId, into(FIRST, 40, 9)],
    );
    expect(statuses).toEqual([{ status: 'held', revision: 2 }]);
  });

  it('cells under 5 answers are suppressed', async () => {
    const { minimumCellSize, cells } = await feedback();
    expect(minimumCellSize).toBe(5);
    expect(cells).toEqual([
      {
        quarter: FIRST,
        areaCode: '9q8yy',
        suppressed: false,
        answers: 6,
        means: { helped: 5, respected: 4, timely: null, wouldCallAgain: null },
      },
      // 5 answers, but the quarter's only small cell (unknown, 2) could be worked out from it.
      { quarter: FIRST, areaCode: '9q8yz', suppressed: true },
      { quarter: FIRST, areaCode: 'unknown', suppressed: true },
      { quarter: SECOND, areaCode: '9q8yy', suppressed: true },
    ]);
  });

  it('feedback is kept per answer with its quarter and area code, and nothing finer', async () => {
    const columns = await query<{ column_name: string }>(
      insights.env.DATABASE_URL,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback_scores'`,
    );
    expect(columns.map(({ column_name }) => column_name).sort()).toEqual(
      [
        'answer_id',
        'survey_id',
        'initiative_id',
        'quarter',
        'area_code',
        'helped',
        'respected',
        'timely',
        'would_call_again',
      ].sort(),
    );
    const [{ count }] = await query<{ count: number }>(
      insights.env.DATABASE_URL,
      'SELECT count(*)::int AS count FROM feedback_scores WHERE initiative_id = $1',
      [initiativeId],
    );
    expect(count).toBe(16);
  });

  it('an initiative insights has heard nothing of is a 404', async () => {
    const answer = await admin.get<{ code: string }>(
      `/initiatives/${randomUUID()}/activity-figures`,
    );
    expect([answer.status, answer.body.code]).toEqual([404, 'INITIATIVE_NOT_FOUND']);
  });

  it('a bad period gets a 400 naming the field and the rule', async () => {
    const period = await admin.get<{ message: string[] }>(
      `/initiatives/${initiativeId}/activity-figures?from=2026-10-01&to=2026-09-30`,
    );
    expect([period.status, period.body.message]).toEqual([400, ['to must be on or after from']]);
    const long = await admin.get<{ message: string[] }>(
      `/initiatives/${initiativeId}/activity-figures?from=2010-01-01&to=2026-09-30`,
    );
    expect([long.status, long.body.message]).toEqual([
      400,
      ['to must be at most 40 quarters after from'],
    ]);
    const date = await admin.get<{ message: string[] }>(
      `/feedback?initiativeId=${initiativeId}&from=2026-13-01`,
    );
    expect([date.status, date.body.message]).toEqual([400, ['from must be a date YYYY-MM-DD']]);
    const missing = await admin.get<{ message: string[] }>('/feedback');
    expect([missing.status, missing.body.message]).toEqual([400, ['initiativeId must be a UUID']]);
  });

  it('partners do not read the figures', async () => {
    const partner = new InsightsApi(insights, await devToken('partner', shelter));
    expect((await partner.get(`/initiatives/${initiativeId}/activity-figures`)).status).toBe(403);
    expect((await partner.get(`/feedback?initiativeId=${initiativeId}`)).status).toBe(403);
  });

  it("a newer organisation snapshot replaces its services' capacities", async () => {
    const organizationId = randomUUID();
    const [kept, dropped] = [randomUUID(), randomUUID()];
    const service = (serviceId: string, capacity: number): PartnerServiceV1 => ({
      serviceId,
      name: 'Mobile crisis team',
      category: 'mental-health-crisis',
      area: DOWNTOWN as PartnerServiceV1['area'],
      capacity,
      hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
      eligibility: {},
    });
    const organization = (
      revision: number,
      services: PartnerServiceV1[],
    ): OrganizationChangedV1 => ({
      organizationId,
      name: 'Northside Shelter',
      type: 'housing',
      revision,
      services,
    });
    const events = [
      await publisher.publish(
        OrganizationEvents.registered,
        organization(1, [service(kept, 10), service(dropped, 4)]),
        new Date(),
      ),
      await publisher.publish(
        OrganizationEvents.updated,
        organization(2, [service(kept, 25)]),
        new Date(),
      ),
    ];
    await untilRecorded(insights, events);
    expect(
      await query(
        insights.env.DATABASE_URL,
        'SELECT service_id, category, capacity, revision FROM partner_capacities WHERE organization_id = $1',
        [organizationId],
      ),
    ).toEqual([{ service_id: kept, category: 'mental-health-crisis', capacity: 25, revision: 2 }]);
  });

  it('the rebuild clears the partnership tables and fills them again from the events', async () => {
    const url = insights.env.DATABASE_URL;
    const tables = async () => ({
      targets: await query(url, 'SELECT * FROM initiative_targets WHERE initiative_id = $1', [
        initiativeId,
      ]),
      activities: await query(
        url,
        'SELECT * FROM activities WHERE initiative_id = $1 ORDER BY activity_id',
        [initiativeId],
      ),
      feedback: await query(
        url,
        'SELECT * FROM feedback_scores WHERE initiative_id = $1 ORDER BY answer_id',
        [initiativeId],
      ),
    });
    const live = await tables();
    await insights.stop();
    try {
      // A row no event backs: a rebuild that did not clear the table would keep it.
      const stray = randomUUID();
      await query(
        url,
        `INSERT INTO feedback_scores (answer_id, survey_id, initiative_id, quarter, area_code, helped)
         VALUES ($1, $1, $2, $3, 'unknown', 1)`,
        [stray, initiativeId, FIRST],
      );
      await query(url, 'DELETE FROM activities WHERE initiative_id = $1', [initiativeId]);
      const run = await rebuild(insights, []);
      if (run.code !== 0) throw new Error(`the rebuild exited ${run.code}:\n${run.stderr}`);
      expect(await tables()).toEqual(live);
    } finally {
      await insights.startHealthy();
    }
  });
});
