import { EntityManager } from 'typeorm';
import { KpiTargetV1 } from '@concord/contracts';
import { KpiReport } from '../kpis/kpi-report';
import { readKpiReport } from '../kpis/kpi-report.query';
import { activityFigures } from '../partnership/activity-figures';
import { feedbackSummary } from '../partnership/feedback-cells';
import { readActivities, readFeedbackAnswers } from '../partnership/partnership.queries';
import {
  assemblePartnershipReview,
  InitiativeActivityFigures,
  PartnerActivityFigures,
  PartnershipReview,
  PeriodFigures,
  ReviewAgreement,
} from './partnership-review';
import { endOf, previousPeriod, ReviewPeriod, startOf } from './review-period';

interface AgreementRow {
  partner_id: string;
  partner_name: string | null;
  agreement_ids: string[];
  status: string | null;
}

/**
 * The partners that have an agreement under the initiative — from the agreement.* snapshots
 * recorded (which carry the initiative, partner and status), and the offers made under it — each
 * with its agreements, the status of its latest, and its name from partner_capacities.
 */
async function readAgreements(
  manager: EntityManager,
  initiativeId: string,
): Promise<ReviewAgreement[]> {
  const rows = (await manager.query(
    `WITH seen AS (
       SELECT data ->> 'agreementId' AS agreement_id, data ->> 'partnerId' AS partner_id,
              data ->> 'status' AS status, occurred_at
         FROM recorded_events
        WHERE type LIKE 'concord.agreement.%' AND data ->> 'initiativeId' = $1::text
       UNION ALL
       SELECT DISTINCT agreement_id::text, partner_id::text, NULL, NULL::timestamptz
         FROM referral_offers WHERE initiative_id = $1::uuid
     ), agreements AS (
       SELECT DISTINCT ON (agreement_id) agreement_id, partner_id, status, occurred_at
         FROM seen ORDER BY agreement_id, occurred_at DESC NULLS LAST
     )
     SELECT a.partner_id,
            (SELECT c.organization_name FROM partner_capacities c
              WHERE c.organization_id::text = a.partner_id ORDER BY c.revision DESC LIMIT 1) AS partner_name,
            array_agg(a.agreement_id ORDER BY a.agreement_id) AS agreement_ids,
            (array_agg(a.status ORDER BY a.occurred_at DESC NULLS LAST))[1] AS status
       FROM agreements a GROUP BY a.partner_id`,
    [initiativeId],
  )) as AgreementRow[];
  return rows
    .map((row) => ({
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      agreementIds: row.agreement_ids,
      status: row.status,
    }))
    .sort(
      (a, b) =>
        (a.partnerName ?? '\uffff').localeCompare(b.partnerName ?? '\uffff') ||
        a.partnerId.localeCompare(b.partnerId),
    );
}

/** The initiative's activities held in the period (by start), added up over its quarters. */
async function readActivityFigures(
  manager: EntityManager,
  initiativeId: string,
  period: ReviewPeriod,
): Promise<{
  initiative: InitiativeActivityFigures;
  partners: Map<string, PartnerActivityFigures>;
}> {
  const activities = await readActivities(
    manager,
    initiativeId,
    new Date(startOf(period)),
    new Date(endOf(period)),
  );
  const quarters = activityFigures(activities, []);
  const initiative = { trainingsHeld: 0, communityEventsHeld: 0, attendees: 0 };
  const partners = new Map<string, PartnerActivityFigures>();
  for (const quarter of quarters) {
    initiative.trainingsHeld += quarter.trainingsHeld;
    initiative.communityEventsHeld += quarter.communityEventsHeld;
    initiative.attendees += quarter.attendees;
    for (const { organizationId, ...figures } of quarter.byOrganization) {
      const sofar = partners.get(organizationId);
      partners.set(organizationId, {
        activitiesAttended: (sofar?.activitiesAttended ?? 0) + figures.activitiesAttended,
        trainingsAttended: (sofar?.trainingsAttended ?? 0) + figures.trainingsAttended,
        attendees: (sofar?.attendees ?? 0) + figures.attendees,
      });
    }
  }
  return { initiative, partners };
}

/** The community's answers of the period's whole quarters; null when it holds none. */
async function readFeedback(
  manager: EntityManager,
  initiativeId: string,
  period: ReviewPeriod,
): Promise<PeriodFigures['feedback']> {
  const { quarters } = period;
  if (quarters.length === 0) return null;
  const answers = await readFeedbackAnswers(
    manager,
    initiativeId,
    quarters[0],
    quarters[quarters.length - 1],
  );
  return feedbackSummary(answers);
}

const NO_ACTIVITY: PartnerActivityFigures = {
  activitiesAttended: 0,
  trainingsAttended: 0,
  attendees: 0,
};

/** Everything of one period: each partner's KPI report (the KPI queries), activities, feedback. */
async function readPeriod(
  manager: EntityManager,
  initiativeId: string,
  agreements: readonly ReviewAgreement[],
  period: ReviewPeriod,
): Promise<PeriodFigures> {
  const activities = await readActivityFigures(manager, initiativeId, period);
  const partners = new Map<string, { kpis: KpiReport; activities: PartnerActivityFigures }>();
  // One after the other: inside a transaction they share one connection.
  for (const { partnerId } of agreements) {
    const kpis = await readKpiReport(manager, {
      initiativeId,
      partnerId,
      from: startOf(period),
      to: endOf(period),
    });
    partners.set(partnerId, {
      kpis,
      activities: activities.partners.get(partnerId) ?? NO_ACTIVITY,
    });
  }
  return {
    partners,
    activities: activities.initiative,
    feedback: await readFeedback(manager, initiativeId, period),
  };
}

/**
 * The partnership review of the initiative for `period` and the one before it; null when
 * insights has seen neither the initiative nor any agreement under it.
 */
export async function readPartnershipReview(
  manager: EntityManager,
  initiativeId: string,
  period: ReviewPeriod,
): Promise<PartnershipReview | null> {
  const [initiative] = (await manager.query(
    `SELECT name, kpi_targets FROM initiative_targets WHERE initiative_id = $1`,
    [initiativeId],
  )) as { name: string; kpi_targets: KpiTargetV1[] }[];
  const agreements = await readAgreements(manager, initiativeId);
  if (!initiative && agreements.length === 0) return null;
  const previous = previousPeriod(period);
  return assemblePartnershipReview({
    initiativeId,
    initiativeName: initiative?.name ?? null,
    targets: initiative?.kpi_targets ?? [],
    agreements,
    period,
    previousPeriod: previous,
    current: await readPeriod(manager, initiativeId, agreements, period),
    previous: await readPeriod(manager, initiativeId, agreements, previous),
  });
}
