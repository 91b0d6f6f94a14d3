import { EntityManager } from 'typeorm';
import {
  ActivityEvents,
  ActivitySnapshotV1,
  EventDefinition,
  EventEnvelope,
  FeedbackEvents,
  FeedbackReceivedV1,
  InitiativeEvents,
  InitiativeSnapshotV1,
  OrganizationChangedV1,
  OrganizationEvents,
} from '@concord/contracts';
import { quarterOf } from './quarter';

type Apply<P> = (
  manager: EntityManager,
  data: P,
  at: string,
  event: EventEnvelope,
) => Promise<void>;

const on = <P extends object>(definition: EventDefinition<P>, apply: Apply<P>) =>
  [definition.type, apply as Apply<unknown>] as const;

/** The initiative's snapshot replaces an older one; an older or repeated one changes nothing. */
const initiativeTargets: Apply<InitiativeSnapshotV1> = async (manager, data) => {
  await manager.query(
    `INSERT INTO initiative_targets (initiative_id, name, lead_agency_id, partner_ids, categories,
                                     period_from, period_to, kpi_targets, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (initiative_id) DO UPDATE SET
       name = excluded.name, lead_agency_id = excluded.lead_agency_id,
       partner_ids = excluded.partner_ids, categories = excluded.categories,
       period_from = excluded.period_from, period_to = excluded.period_to,
       kpi_targets = excluded.kpi_targets, revision = excluded.revision
     WHERE initiative_targets.revision < excluded.revision`,
    [
      data.initiativeId,
      data.name,
      data.leadAgencyId,
      data.partnerIds,
      data.categories,
      data.periodFrom,
      data.periodTo,
      JSON.stringify(data.kpiTargets),
      data.revision,
    ],
  );
};

/** The activity's snapshot replaces an older one; an older or repeated one changes nothing. */
const activity: Apply<ActivitySnapshotV1> = async (manager, data) => {
  await manager.query(
    `INSERT INTO activities (activity_id, initiative_id, kind, topic, status, starts_at, ends_at,
                             participants, revision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (activity_id) DO UPDATE SET
       initiative_id = excluded.initiative_id, kind = excluded.kind, topic = excluded.topic,
       status = excluded.status, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
       participants = excluded.participants, revision = excluded.revision
     WHERE activities.revision < excluded.revision`,
    [
      data.activityId,
      data.initiativeId,
      data.kind,
      data.topic,
      data.status,
      data.startsAt,
      data.endsAt,
      JSON.stringify(data.participants),
      data.revision,
    ],
  );
};

/**
 * One row per answer, keyed by its event's id (a redelivered event adds nothing). The event's
 * time gives the quarter, and nothing finer is kept.
 */
const feedbackScore: Apply<FeedbackReceivedV1> = async (manager, data, at, event) => {
  const { helped, respected, timely, wouldCallAgain } = data.scores;
  await manager.query(
    `INSERT INTO feedback_scores (answer_id, survey_id, initiative_id, quarter, area_code, helped,
                                  respected, timely, would_call_again)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (answer_id) DO NOTHING`,
    [
      event.id,
      data.surveyId,
      data.initiativeId,
      quarterOf(new Date(at)),
      data.areaCode ?? 'unknown',
      helped ?? null,
      respected ?? null,
      timely ?? null,
      wouldCallAgain ?? null,
    ],
  );
};

/**
 * A newer snapshot of the organisation replaces all its services' rows: a service it dropped goes
 * with them. An organisation's events share one key, so they arrive in order; an organisation left
 * with no services keeps no row, and so no revision, which only a redelivered older event (already
 * known to processed_messages) could get wrong.
 */
const partnerCapacities: Apply<OrganizationChangedV1> = async (manager, data) => {
  const [{ newer }] = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM partner_capacities
                     WHERE organization_id = $1 AND revision >= $2) AS newer`,
    [data.organizationId, data.revision],
  )) as { newer: boolean }[];
  if (newer) return;
  await manager.query(`DELETE FROM partner_capacities WHERE organization_id = $1`, [
    data.organizationId,
  ]);
  for (const service of data.services) {
    await manager.query(
      `INSERT INTO partner_capacities (organization_id, service_id, organization_name, category,
                                       capacity, revision)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        data.organizationId,
        service.serviceId,
        data.name,
        service.category,
        service.capacity,
        data.revision,
      ],
    );
  }
};

/** What the partnership's events change in its read models (migration 1765400000100). */
export const PARTNERSHIP_PROJECTIONS = [
  on(InitiativeEvents.launched, initiativeTargets),
  on(InitiativeEvents.targetsSet, initiativeTargets),
  on(ActivityEvents.planned, activity),
  on(ActivityEvents.rescheduled, activity),
  on(ActivityEvents.participationConfirmed, activity),
  on(ActivityEvents.attendanceRecorded, activity),
  on(ActivityEvents.cancelled, activity),
  on(FeedbackEvents.received, feedbackScore),
  on(OrganizationEvents.registered, partnerCapacities),
  on(OrganizationEvents.updated, partnerCapacities),
] as const;
