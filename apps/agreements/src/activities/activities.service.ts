import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { Caller, organizationScopeOf } from '@concord/auth';
import { ActivityEvents, ActivitySnapshotV1, EventDefinition } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { conflict, forbidden, notFound, unprocessable } from '@concord/platform';
import { initiativeNotFound, InitiativesService } from '../initiatives/initiatives.service';
import {
  ConfirmParticipationRequest,
  ListActivitiesQuery,
  PlanActivityRequest,
  RecordAttendanceRequest,
} from './activity.dto';
import { Activity } from './activity.entity';
import { ActivityParticipant } from './activity-participant.entity';
import { ActivityView, toActivitySnapshot, toActivityView } from './activity.view';

const DAY_MS = 86_400_000;

const activityNotFound = (id: string) =>
  notFound('ACTIVITY_NOT_FOUND', `activity ${id} does not exist`);

const notPlanned = (activity: Activity) =>
  conflict(
    'ACTIVITY_NOT_PLANNED',
    `activity ${activity.id} is ${activity.status}: only a planned activity may be changed, confirmed or cancelled`,
  );

type ActivityEvent = EventDefinition<ActivitySnapshotV1>;

/**
 * Joint trainings and community events of an initiative. Administrators plan, reschedule, record
 * attendance and cancel; partners read and confirm their own participation. Every change
 * publishes the whole activity (activity.*) in its transaction. Cancelling is the only way to take
 * an activity back: what was published cannot un-happen.
 */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly initiatives: InitiativesService,
  ) {}

  plan(initiativeId: string, request: PlanActivityRequest): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertInInitiative(manager, initiativeId, request.organizationIds);
      const now = new Date();
      const activity = manager.create(Activity, {
        id: randomUUID(),
        initiativeId,
        ...this.detailsOf(request),
        status: 'planned',
        revision: 1,
        createdAt: now,
        updatedAt: now,
      });
      const participants = request.organizationIds.map((organizationId) =>
        manager.create(ActivityParticipant, {
          activityId: activity.id,
          organizationId,
          confirmedAt: null,
          attendees: null,
        }),
      );
      await manager.insert(Activity, activity);
      await manager.insert(ActivityParticipant, participants);
      return this.published(manager, ActivityEvents.planned, activity, participants);
    });
  }

  /**
   * Replaces a planned activity's details and organisations. An organisation that stays keeps its
   * confirmation; one left out is no longer taking part.
   */
  reschedule(id: string, request: PlanActivityRequest): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.lock(manager, id);
      if (activity.status !== 'planned') throw notPlanned(activity);
      await this.assertInInitiative(manager, activity.initiativeId, request.organizationIds);
      const current = await this.participantsOf(manager, id);
      const kept = current.filter((row) => request.organizationIds.includes(row.organizationId));
      const keptIds = new Set(kept.map((row) => row.organizationId));
      const added = request.organizationIds
        .filter((organizationId) => !keptIds.has(organizationId))
        .map((organizationId) =>
          manager.create(ActivityParticipant, {
            activityId: id,
            organizationId,
            confirmedAt: null,
            attendees: null,
          }),
        );
      await manager.delete(ActivityParticipant, {
        activityId: id,
        organizationId: Not(In(request.organizationIds)),
      });
      if (added.length > 0) await manager.insert(ActivityParticipant, added);
      Object.assign(activity, this.detailsOf(request));
      return this.changed(manager, ActivityEvents.rescheduled, activity, [...kept, ...added]);
    });
  }

  /**
   * Records that an organisation will be there: a partner its own (no body), an admin the one it
   * names. Confirming again changes nothing and publishes nothing.
   */
  confirmParticipation(
    id: string,
    request: ConfirmParticipationRequest,
    caller: Caller,
  ): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const scope = organizationScopeOf(caller);
      const activity = await this.lock(manager, id);
      const participants = await this.participantsOf(manager, id);
      if (scope !== null && !participants.some((row) => row.organizationId === scope)) {
        throw activityNotFound(id);
      }
      if (scope !== null && request.organizationId && request.organizationId !== scope) {
        throw forbidden(
          'ACTIVITY_PARTICIPATION_NOT_YOURS',
          `organizationId: a partner may confirm only its own organisation's participation, not ${request.organizationId}'s`,
        );
      }
      const organizationId = scope ?? request.organizationId;
      if (!organizationId) {
        throw unprocessable(
          'ACTIVITY_ORGANIZATION_REQUIRED',
          'organizationId is required when an admin confirms for an organisation',
        );
      }
      const participant = participants.find((row) => row.organizationId === organizationId);
      if (!participant) {
        throw notFound(
          'ACTIVITY_PARTICIPANT_NOT_FOUND',
          `organizationId: organisation ${organizationId} does not take part in activity ${id}`,
        );
      }
      if (activity.status !== 'planned') throw notPlanned(activity);
      if (participant.confirmedAt !== null) return toActivityView(activity, participants);
      participant.confirmedAt = new Date();
      await manager.update(
        ActivityParticipant,
        { activityId: id, organizationId },
        { confirmedAt: participant.confirmedAt },
      );
      return this.changed(manager, ActivityEvents.participationConfirmed, activity, participants);
    });
  }

  /**
   * Records the head count of each organisation that came: the activity is held. A taking-part
   * organisation left out is not recorded (null). May be corrected later; a cancelled activity, or
   * one that has not started, takes none.
   */
  recordAttendance(id: string, request: RecordAttendanceRequest): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.lock(manager, id);
      if (activity.status === 'cancelled') {
        throw conflict(
          'ACTIVITY_CANCELLED',
          `activity ${id} was cancelled: it takes no attendance`,
        );
      }
      if (activity.startsAt.getTime() > Date.now()) {
        throw conflict(
          'ACTIVITY_NOT_STARTED',
          `activity ${id} starts at ${activity.startsAt.toISOString()}: attendance may be recorded only once it has started`,
        );
      }
      const participants = await this.participantsOf(manager, id);
      const taking = new Set(participants.map((row) => row.organizationId));
      const outsiders = request.attendance
        .map(({ organizationId }) => organizationId)
        .filter((organizationId) => !taking.has(organizationId));
      if (outsiders.length > 0) {
        throw unprocessable(
          'ACTIVITY_ORGANIZATION_NOT_TAKING_PART',
          `attendance: ${outsiders.join(', ')} not taking part in activity ${id}`,
        );
      }
      const counts = new Map(request.attendance.map((row) => [row.organizationId, row.attendees]));
      for (const participant of participants) {
        participant.attendees = counts.get(participant.organizationId) ?? null;
        await manager.update(
          ActivityParticipant,
          { activityId: id, organizationId: participant.organizationId },
          { attendees: participant.attendees },
        );
      }
      activity.status = 'held';
      return this.changed(manager, ActivityEvents.attendanceRecorded, activity, participants);
    });
  }

  /** Calls a planned activity off; a held one stays held. */
  cancel(id: string): Promise<ActivityView> {
    return this.dataSource.transaction(async (manager) => {
      const activity = await this.lock(manager, id);
      if (activity.status !== 'planned') throw notPlanned(activity);
      activity.status = 'cancelled';
      const participants = await this.participantsOf(manager, id);
      return this.changed(manager, ActivityEvents.cancelled, activity, participants);
    });
  }

  /** Every activity to admins and auditors; a partner those its organisation takes part in. */
  async list(query: ListActivitiesQuery, caller: Caller): Promise<ActivityView[]> {
    const scope = organizationScopeOf(caller);
    const manager = this.dataSource.manager;
    const select = manager
      .createQueryBuilder(Activity, 'activity')
      .orderBy('activity.startsAt', 'ASC')
      .addOrderBy('activity.id', 'ASC');
    if (query.initiativeId) {
      select.andWhere('activity.initiativeId = :initiativeId', {
        initiativeId: query.initiativeId,
      });
    }
    if (query.status) select.andWhere('activity.status = :status', { status: query.status });
    if (query.from) {
      select.andWhere('activity.startsAt >= :from', { from: new Date(`${query.from}T00:00:00Z`) });
    }
    if (query.to) {
      const end = new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS);
      select.andWhere('activity.startsAt < :end', { end });
    }
    if (scope !== null) {
      select.andWhere(
        'EXISTS (SELECT 1 FROM activity_participants taking WHERE taking.activity_id = activity.id AND taking.organization_id = :scope)',
        { scope },
      );
    }
    const activities = await select.getMany();
    const participants =
      activities.length === 0
        ? []
        : await manager.find(ActivityParticipant, {
            where: { activityId: In(activities.map(({ id }) => id)) },
          });
    return activities.map((activity) =>
      toActivityView(
        activity,
        participants.filter((row) => row.activityId === activity.id),
      ),
    );
  }

  /** The activity, or a 404 if absent or, to a partner, one its organisation is not taking part in. */
  async get(id: string, caller: Caller): Promise<ActivityView> {
    const scope = organizationScopeOf(caller);
    const manager = this.dataSource.manager;
    const activity = await manager.findOneBy(Activity, { id });
    if (!activity) throw activityNotFound(id);
    const participants = await this.participantsOf(manager, id);
    if (scope !== null && !participants.some((row) => row.organizationId === scope)) {
      throw activityNotFound(id);
    }
    return toActivityView(activity, participants);
  }

  private detailsOf(request: PlanActivityRequest) {
    return {
      kind: request.kind,
      topic: request.topic,
      topicDetail: request.topicDetail ?? null,
      title: request.title,
      place: request.place,
      startsAt: new Date(request.startsAt),
      endsAt: new Date(request.endsAt),
    };
  }

  /** The organisations must be the initiative's lead agency or its partners. */
  private async assertInInitiative(
    manager: EntityManager,
    initiativeId: string,
    organizationIds: string[],
  ): Promise<void> {
    const found = await this.initiatives.find(manager, initiativeId);
    if (!found) throw initiativeNotFound(initiativeId);
    const members = new Set([found.initiative.leadAgencyId, ...found.partnerIds]);
    const outsiders = organizationIds.filter((organizationId) => !members.has(organizationId));
    if (outsiders.length > 0) {
      throw unprocessable(
        'ACTIVITY_ORGANIZATION_NOT_IN_INITIATIVE',
        `organizationIds: ${outsiders.join(', ')} must be the lead agency or a partner of initiative ${initiativeId}`,
      );
    }
  }

  private async lock(manager: EntityManager, id: string): Promise<Activity> {
    const activity = await manager.findOne(Activity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!activity) throw activityNotFound(id);
    return activity;
  }

  private participantsOf(manager: EntityManager, id: string): Promise<ActivityParticipant[]> {
    return manager.find(ActivityParticipant, { where: { activityId: id } });
  }

  /** Saves the change at the next revision and publishes it. */
  private async changed(
    manager: EntityManager,
    event: ActivityEvent,
    activity: Activity,
    participants: readonly ActivityParticipant[],
  ): Promise<ActivityView> {
    activity.revision += 1;
    activity.updatedAt = new Date();
    await manager.save(activity);
    return this.published(manager, event, activity, participants);
  }

  private async published(
    manager: EntityManager,
    event: ActivityEvent,
    activity: Activity,
    participants: readonly ActivityParticipant[],
  ): Promise<ActivityView> {
    await this.outbox.publish(manager, event, toActivitySnapshot(activity, participants));
    return toActivityView(activity, participants);
  }
}
