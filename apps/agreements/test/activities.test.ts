import { ActivityEvents, InitiativeEvents } from '@concord/contracts';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  PublishedEvents,
  secondsFromNow,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';
import { registerAgency, registerPartner } from './support/fixtures';

describe('joint activities of an initiative', () => {
  let service: ServiceProcess;
  let events: PublishedEvents;
  let admin: Api;

  beforeAll(async () => {
    [service, events] = await Promise.all([startAgreementsService(), PublishedEvents.start()]);
    admin = new Api(service, await devToken('admin'));
  });

  afterAll(async () => {
    await events?.stop();
    if (service) await stopAgreementsService(service);
  });

  /** An agency and two partners in one initiative, and a partner outside it. */
  async function initiativeOfThree() {
    const agency = await registerAgency(admin);
    const harbor = await registerPartner(admin, 'Harbor Mental Health');
    const northside = await registerPartner(admin, 'Northside Youth');
    const outsider = await registerPartner(admin, 'Not in the initiative');
    const initiative = await admin.expect(201, 'POST', '/initiatives', {
      name: 'Crisis response 2026',
      leadAgencyId: agency.id,
      partnerIds: [harbor.id, northside.id],
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    });
    return {
      initiativeId: initiative.id as string,
      agencyId: agency.id as string,
      harborId: harbor.id as string,
      northsideId: northside.id as string,
      outsiderId: outsider.id as string,
    };
  }

  const training = (organizationIds: string[], overrides: Record<string, unknown> = {}) => ({
    kind: 'training',
    topic: 'crisis-de-escalation',
    title: 'De-escalation for patrol and crisis staff',
    place: 'Community Center, room 2',
    startsAt: secondsFromNow(7 * 86_400),
    endsAt: secondsFromNow(7 * 86_400 + 6 * 3_600),
    organizationIds,
    ...overrides,
  });

  /** A training that started an hour ago, so attendance may be recorded. */
  const trainingUnderWay = (organizationIds: string[]) =>
    training(organizationIds, { startsAt: secondsFromNow(-3_600), endsAt: secondsFromNow(3_600) });

  const partnerApi = async (organizationId: string) =>
    admin.as(await devToken('partner', organizationId));

  /** The activity.* events of `type` about one activity, as published. */
  const published = async (initiativeId: string, activityId: string, type: string, count = 1) => {
    await events.waitFor(initiativeId, type, count);
    await events.caughtUp();
    return events
      .of(initiativeId, type)
      .filter((event) => (event.data as { activityId: string }).activityId === activityId);
  };

  it('launching an initiative publishes initiative.launched with its targets at revision 1', async () => {
    const agency = await registerAgency(admin);
    const partner = await registerPartner(admin);
    const initiative = await admin.expect(201, 'POST', '/initiatives', {
      name: 'Co-response 2026',
      leadAgencyId: agency.id,
      partnerIds: [partner.id],
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      kpiTargets: [
        { kind: 'trainings-per-quarter', metric: 'Joint trainings', target: 4 },
        { metric: 'Officers trained in CIT', target: 120, unit: 'officers' },
      ],
    });
    expect(initiative.revision).toBe(1);

    const [event] = await events.waitFor(initiative.id, InitiativeEvents.launched.type);
    expect(event.data).toEqual({
      initiativeId: initiative.id,
      name: 'Co-response 2026',
      leadAgencyId: agency.id,
      partnerIds: [partner.id],
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      revision: 1,
      kpiTargets: [
        { kind: 'trainings-per-quarter', metric: 'Joint trainings', target: 4 },
        { metric: 'Officers trained in CIT', target: 120, unit: 'officers' },
      ],
    });
  });

  it('setting KPI targets replaces them, raises the revision and publishes initiative.targets-set', async () => {
    const { initiativeId } = await initiativeOfThree();
    const targets = [
      { kind: 'attendance-per-quarter', metric: 'People at our activities', target: 60 },
      { kind: 'acceptance-rate', metric: 'Offers accepted', target: 0.8 },
    ];

    const updated = await admin.expect(200, 'PUT', `/initiatives/${initiativeId}/kpi-targets`, {
      kpiTargets: targets,
    });

    expect(updated).toMatchObject({ id: initiativeId, revision: 2, kpiTargets: targets });
    expect(await admin.expect(200, 'GET', `/initiatives/${initiativeId}`)).toEqual(updated);
    const [event] = await events.waitFor(initiativeId, InitiativeEvents.targetsSet.type);
    expect(event.data).toMatchObject({ initiativeId, revision: 2, kpiTargets: targets });
  });

  it('a KPI target of an unknown kind, outside its kind’s range, or a kind twice is refused with 400 naming it', async () => {
    const { initiativeId } = await initiativeOfThree();
    const answer = await admin.send('PUT', `/initiatives/${initiativeId}/kpi-targets`, {
      kpiTargets: [
        { kind: 'happiness', metric: 'Smiles', target: 3 },
        { kind: 'acceptance-rate', metric: 'Offers accepted', target: 80 },
        { kind: 'acceptance-rate', metric: 'Offers accepted again', target: 0.8 },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(
      expect.arrayContaining([
        'kpiTargets must not have two targets of the same kind',
        expect.stringMatching(/^kpiTargets\.0\.kind must be one of the following values/),
        'kpiTargets.1.target must be between 0 and 1 for kind acceptance-rate',
      ]),
    );
    expect((await admin.expect(200, 'GET', `/initiatives/${initiativeId}`)).revision).toBe(1);
  });

  it('planning an activity answers it planned at revision 1 and publishes activity.planned without its title, place or free text', async () => {
    const { initiativeId, agencyId, harborId } = await initiativeOfThree();
    const body = training([agencyId, harborId], {
      topic: 'other',
      topicDetail: 'Safety around the new shelter',
    });

    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      body,
    );

    expect(activity).toMatchObject({
      initiativeId,
      kind: 'training',
      topic: 'other',
      topicDetail: 'Safety around the new shelter',
      title: body.title,
      place: body.place,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      status: 'planned',
      revision: 1,
    });
    expect(activity.participants).toEqual(
      [agencyId, harborId].sort().map((organizationId) => ({
        organizationId,
        confirmed: false,
        confirmedAt: null,
        attendees: null,
      })),
    );
    const [event] = await published(initiativeId, activity.id, ActivityEvents.planned.type);
    expect(event.data).toEqual({
      activityId: activity.id,
      initiativeId,
      kind: 'training',
      topic: 'other',
      status: 'planned',
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      revision: 1,
      participants: [agencyId, harborId]
        .sort()
        .map((organizationId) => ({ organizationId, confirmed: false })),
    });
    const text = JSON.stringify(event);
    for (const free of [body.title, body.place, 'Safety around the new shelter']) {
      expect(text).not.toContain(free);
    }
  });

  it('an organisation that is neither the lead agency nor a partner of the initiative is refused with 422 naming it', async () => {
    const { initiativeId, harborId, outsiderId } = await initiativeOfThree();
    const answer = await admin.send(
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([harborId, outsiderId]),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('ACTIVITY_ORGANIZATION_NOT_IN_INITIATIVE');
    expect(answer.body.message).toContain(outsiderId);
    expect(answer.body.message).not.toContain(harborId);
  });

  it('a malformed activity is refused with 400 naming each field and its rule', async () => {
    const { initiativeId, harborId } = await initiativeOfThree();
    const answer = await admin.send('POST', `/initiatives/${initiativeId}/activities`, {
      ...training([harborId, harborId]),
      kind: 'party',
      topic: 'other',
      title: 'x'.repeat(201),
      startsAt: '2026-10-14T09:00:00',
      endsAt: '2026-10-14T08:00:00Z',
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kind must be one of the following values/),
        'topicDetail must be a string',
        'title must be shorter than or equal to 200 characters',
        expect.stringMatching(/^startsAt must be an ISO 8601 date-time with a time zone/),
        "organizationIds: All organizationIds's elements must be unique",
      ]),
    );
    const backwards = await admin.send('POST', `/initiatives/${initiativeId}/activities`, {
      ...training([harborId]),
      startsAt: '2026-10-14T09:00:00Z',
      endsAt: '2026-10-14T08:00:00Z',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toEqual(['endsAt must be after startsAt']);
  });

  it('a partner confirms its own participation with no body; activity.participation-confirmed says so', async () => {
    const { initiativeId, agencyId, harborId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([agencyId, harborId]),
    );
    const harbor = await partnerApi(harborId);

    const confirmed = await harbor.expect(200, 'POST', `/activities/${activity.id}/participation`);

    expect(confirmed.revision).toBe(2);
    const own = confirmed.participants.find(
      (participant: { organizationId: string }) => participant.organizationId === harborId,
    );
    expect(own).toMatchObject({ confirmed: true, attendees: null });
    expect(Date.parse(own.confirmedAt)).not.toBeNaN();
    const [event] = await published(
      initiativeId,
      activity.id,
      ActivityEvents.participationConfirmed.type,
    );
    expect(event.data).toMatchObject({
      revision: 2,
      participants: expect.arrayContaining([
        { organizationId: harborId, confirmed: true },
        { organizationId: agencyId, confirmed: false },
      ]),
    });
    const again = await harbor.expect(200, 'POST', `/activities/${activity.id}/participation`);
    expect(again.revision).toBe(2);
  });

  it('an admin confirms for an organisation it names; one not taking part is a 404, none named a 422', async () => {
    const { initiativeId, agencyId, harborId, northsideId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([agencyId, harborId]),
    );
    const path = `/activities/${activity.id}/participation`;

    const confirmed = await admin.expect(200, 'POST', path, { organizationId: agencyId });
    expect(confirmed.participants).toContainEqual(
      expect.objectContaining({ organizationId: agencyId, confirmed: true }),
    );
    const outside = await admin.send('POST', path, { organizationId: northsideId });
    expect(outside.status).toBe(404);
    expect(outside.body.code).toBe('ACTIVITY_PARTICIPANT_NOT_FOUND');
    expect(outside.body.message).toContain(northsideId);
    const unnamed = await admin.send('POST', path, {});
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.code).toBe('ACTIVITY_ORGANIZATION_REQUIRED');
  });

  it('a partner may not confirm for another organisation (403) nor for an activity it is not in (404)', async () => {
    const { initiativeId, agencyId, harborId, northsideId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([agencyId, harborId]),
    );
    const path = `/activities/${activity.id}/participation`;

    const forOther = await (
      await partnerApi(harborId)
    ).send('POST', path, {
      organizationId: agencyId,
    });
    expect(forOther.status).toBe(403);
    expect(forOther.body.code).toBe('ACTIVITY_PARTICIPATION_NOT_YOURS');
    const stranger = await (await partnerApi(northsideId)).send('POST', path);
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('ACTIVITY_NOT_FOUND');
  });

  it('recording attendance marks the activity held with each organisation’s head count, one left out as not recorded', async () => {
    const { initiativeId, agencyId, harborId, northsideId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      trainingUnderWay([agencyId, harborId, northsideId]),
    );
    const path = `/activities/${activity.id}/attendance`;

    const held = await admin.expect(200, 'PUT', path, {
      attendance: [
        { organizationId: agencyId, attendees: 14 },
        { organizationId: harborId, attendees: 6 },
      ],
    });

    expect(held).toMatchObject({ status: 'held', revision: 2 });
    const counts = Object.fromEntries(
      held.participants.map((row: { organizationId: string; attendees: number | null }) => [
        row.organizationId,
        row.attendees,
      ]),
    );
    expect(counts).toEqual({ [agencyId]: 14, [harborId]: 6, [northsideId]: null });
    const [event] = await published(
      initiativeId,
      activity.id,
      ActivityEvents.attendanceRecorded.type,
    );
    expect(event.data).toMatchObject({ status: 'held', revision: 2 });
    expect((event.data as { participants: unknown[] }).participants).toEqual(
      expect.arrayContaining([
        { organizationId: agencyId, confirmed: false, attendees: 14 },
        { organizationId: harborId, confirmed: false, attendees: 6 },
        { organizationId: northsideId, confirmed: false },
      ]),
    );

    const corrected = await admin.expect(200, 'PUT', path, {
      attendance: [{ organizationId: northsideId, attendees: 3 }],
    });
    expect(corrected).toMatchObject({ status: 'held', revision: 3 });
    expect(
      corrected.participants.map((row: { attendees: number | null }) => row.attendees).sort(),
    ).toEqual([3, null, null]);
  });

  it('attendance for an organisation not taking part, or a bad head count, is refused naming it', async () => {
    const { initiativeId, harborId, northsideId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      trainingUnderWay([harborId]),
    );
    const path = `/activities/${activity.id}/attendance`;

    const outside = await admin.send('PUT', path, {
      attendance: [{ organizationId: northsideId, attendees: 2 }],
    });
    expect(outside.status).toBe(422);
    expect(outside.body.code).toBe('ACTIVITY_ORGANIZATION_NOT_TAKING_PART');
    expect(outside.body.message).toContain(northsideId);
    const malformed = await admin.send('PUT', path, {
      attendance: [
        { organizationId: harborId, attendees: 100_001 },
        { organizationId: harborId, attendees: 1.5 },
      ],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(
      expect.arrayContaining([
        'attendance must name each organisation at most once',
        'attendance.0.attendees must not be greater than 100000',
        'attendance.1.attendees must be an integer number',
      ]),
    );
  });

  it('attendance before the activity starts is refused with 409 ACTIVITY_NOT_STARTED', async () => {
    const { initiativeId, harborId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([harborId]),
    );
    const answer = await admin.send('PUT', `/activities/${activity.id}/attendance`, {
      attendance: [{ organizationId: harborId, attendees: 4 }],
    });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('ACTIVITY_NOT_STARTED');
  });

  it('a cancelled activity publishes activity.cancelled and then takes no attendance, confirmation or change', async () => {
    const { initiativeId, harborId } = await initiativeOfThree();
    const body = trainingUnderWay([harborId]);
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      body,
    );

    const cancelled = await admin.expect(200, 'POST', `/activities/${activity.id}/cancellation`);

    expect(cancelled).toMatchObject({ status: 'cancelled', revision: 2 });
    const [event] = await published(initiativeId, activity.id, ActivityEvents.cancelled.type);
    expect(event.data).toMatchObject({ status: 'cancelled', revision: 2 });
    const attendance = await admin.send('PUT', `/activities/${activity.id}/attendance`, {
      attendance: [{ organizationId: harborId, attendees: 4 }],
    });
    expect(attendance.status).toBe(409);
    expect(attendance.body.code).toBe('ACTIVITY_CANCELLED');
    const confirmation = await (
      await partnerApi(harborId)
    ).send('POST', `/activities/${activity.id}/participation`);
    expect(confirmation.status).toBe(409);
    expect(confirmation.body.code).toBe('ACTIVITY_NOT_PLANNED');
    const change = await admin.send('PUT', `/activities/${activity.id}`, body);
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('ACTIVITY_NOT_PLANNED');
  });

  it('a held activity cannot be cancelled (409 ACTIVITY_NOT_PLANNED)', async () => {
    const { initiativeId, harborId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      trainingUnderWay([harborId]),
    );
    await admin.expect(200, 'PUT', `/activities/${activity.id}/attendance`, {
      attendance: [{ organizationId: harborId, attendees: 4 }],
    });
    const answer = await admin.send('POST', `/activities/${activity.id}/cancellation`);
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe('ACTIVITY_NOT_PLANNED');
    expect(answer.body.message).toContain('held');
  });

  it('rescheduling keeps the confirmation of organisations that stay and publishes activity.rescheduled', async () => {
    const { initiativeId, agencyId, harborId, northsideId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([agencyId, harborId]),
    );
    await (
      await partnerApi(harborId)
    ).expect(200, 'POST', `/activities/${activity.id}/participation`);
    const moved = training([harborId, northsideId], {
      startsAt: '2026-11-03T18:30:00-08:00',
      endsAt: '2026-11-03T20:00:00-08:00',
      place: 'Library hall',
    });

    const rescheduled = await admin.expect(200, 'PUT', `/activities/${activity.id}`, moved);

    expect(rescheduled).toMatchObject({
      status: 'planned',
      revision: 3,
      place: 'Library hall',
      startsAt: '2026-11-04T02:30:00.000Z',
    });
    const confirmations = Object.fromEntries(
      rescheduled.participants.map((row: { organizationId: string; confirmed: boolean }) => [
        row.organizationId,
        row.confirmed,
      ]),
    );
    expect(confirmations).toEqual({ [harborId]: true, [northsideId]: false });
    const [event] = await published(initiativeId, activity.id, ActivityEvents.rescheduled.type);
    expect(event.data).toMatchObject({
      revision: 3,
      startsAt: '2026-11-04T02:30:00.000Z',
      participants: expect.arrayContaining([
        { organizationId: harborId, confirmed: true },
        { organizationId: northsideId, confirmed: false },
      ]),
    });
  });

  it('a partner lists and reads only the activities its organisation takes part in; another’s is a 404', async () => {
    const { initiativeId, agencyId, harborId, northsideId } = await initiativeOfThree();
    const plan = (organizationIds: string[]) =>
      admin.expect(
        201,
        'POST',
        `/initiatives/${initiativeId}/activities`,
        training(organizationIds),
      );
    const withHarbor = await plan([agencyId, harborId]);
    const withoutHarbor = await plan([agencyId, northsideId]);
    const harbor = await partnerApi(harborId);

    const listed = await harbor.expect(200, 'GET', `/activities?initiativeId=${initiativeId}`);
    expect(listed.map(({ id }: { id: string }) => id)).toEqual([withHarbor.id]);
    await harbor.expect(200, 'GET', `/activities/${withHarbor.id}`);
    const hidden = await harbor.send('GET', `/activities/${withoutHarbor.id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('ACTIVITY_NOT_FOUND');
    const auditor = admin.as(await devToken('auditor'));
    const all = await auditor.expect(200, 'GET', `/activities?initiativeId=${initiativeId}`);
    expect(all.map(({ id }: { id: string }) => id).sort()).toEqual(
      [withHarbor.id, withoutHarbor.id].sort(),
    );
  });

  it('activities are filtered by status and by the days they start on', async () => {
    const { initiativeId, harborId } = await initiativeOfThree();
    const plan = (startsAt: string, endsAt: string) =>
      admin.expect(
        201,
        'POST',
        `/initiatives/${initiativeId}/activities`,
        training([harborId], { startsAt, endsAt }),
      );
    const october = await plan('2026-10-14T09:00:00Z', '2026-10-14T12:00:00Z');
    const lateNovember = await plan('2026-11-30T23:30:00Z', '2026-12-01T01:00:00Z');
    await plan('2026-12-01T00:00:00Z', '2026-12-01T02:00:00Z');
    await admin.expect(200, 'POST', `/activities/${october.id}/cancellation`);
    const ids = async (query: string) =>
      (await admin.expect(200, 'GET', `/activities?initiativeId=${initiativeId}&${query}`)).map(
        ({ id }: { id: string }) => id,
      );

    expect(await ids('from=2026-10-01&to=2026-11-30')).toEqual([october.id, lateNovember.id]);
    expect(await ids('status=cancelled')).toEqual([october.id]);
    const backwards = await admin.send('GET', '/activities?from=2026-11-30&to=2026-10-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toEqual(['to must be on or after from']);
  });

  it('only an admin plans, changes, records and cancels; a dispatcher reads no activities', async () => {
    const { initiativeId, agencyId, harborId } = await initiativeOfThree();
    const activity = await admin.expect(
      201,
      'POST',
      `/initiatives/${initiativeId}/activities`,
      training([agencyId, harborId]),
    );
    const harbor = await partnerApi(harborId);
    const dispatcher = admin.as(await devToken('dispatcher', agencyId));
    expect(
      (await harbor.send('POST', `/initiatives/${initiativeId}/activities`, training([harborId])))
        .status,
    ).toBe(403);
    expect((await harbor.send('POST', `/activities/${activity.id}/cancellation`)).status).toBe(403);
    expect((await dispatcher.send('GET', '/activities')).status).toBe(403);
  });
});
