import { EntityManager } from 'typeorm';
import { ActivityKind, ActivityStatus, FeedbackQuestion, KpiTargetV1 } from '@concord/contracts';
import { ActivityRow } from './activity-figures';
import { ScoredAnswer } from './feedback-cells';
import { Quarter } from './quarter';

/** What insights knows of an initiative from its last initiative.* event. */
export interface InitiativePlan {
  readonly initiativeId: string;
  readonly partnerIds: readonly string[];
  /** YYYY-MM-DD, inclusive. */
  readonly periodFrom: string;
  /** YYYY-MM-DD, inclusive. */
  readonly periodTo: string;
  readonly kpiTargets: readonly KpiTargetV1[];
}

export async function readInitiativePlan(
  manager: EntityManager,
  initiativeId: string,
): Promise<InitiativePlan | undefined> {
  const [row] = (await manager.query(
    `SELECT initiative_id, partner_ids, to_char(period_from, 'YYYY-MM-DD') AS period_from,
            to_char(period_to, 'YYYY-MM-DD') AS period_to, kpi_targets
       FROM initiative_targets WHERE initiative_id = $1`,
    [initiativeId],
  )) as {
    initiative_id: string;
    partner_ids: string[];
    period_from: string;
    period_to: string;
    kpi_targets: KpiTargetV1[];
  }[];
  return (
    row && {
      initiativeId: row.initiative_id,
      partnerIds: row.partner_ids,
      periodFrom: row.period_from,
      periodTo: row.period_to,
      kpiTargets: row.kpi_targets,
    }
  );
}

/** Whether any activity of the initiative has been recorded. */
export async function hasActivities(
  manager: EntityManager,
  initiativeId: string,
): Promise<boolean> {
  const [{ found }] = (await manager.query(
    `SELECT EXISTS (SELECT 1 FROM activities WHERE initiative_id = $1) AS found`,
    [initiativeId],
  )) as { found: boolean }[];
  return found;
}

/** The initiative's activities starting at or after `from` and before `until`, whatever status. */
export async function readActivities(
  manager: EntityManager,
  initiativeId: string,
  from: Date,
  until: Date,
): Promise<ActivityRow[]> {
  const rows = (await manager.query(
    `SELECT kind, status, starts_at, participants FROM activities
      WHERE initiative_id = $1 AND starts_at >= $2 AND starts_at < $3
      ORDER BY starts_at, activity_id`,
    [initiativeId, from, until],
  )) as {
    kind: ActivityKind;
    status: ActivityStatus;
    starts_at: Date;
    participants: ActivityRow['participants'];
  }[];
  return rows.map((row) => ({
    kind: row.kind,
    status: row.status,
    startsAt: row.starts_at,
    participants: row.participants,
  }));
}

/** The initiative's answers from quarter `first` to `last` (both included; open without them). */
export async function readFeedbackAnswers(
  manager: EntityManager,
  initiativeId: string,
  first?: Quarter,
  last?: Quarter,
): Promise<ScoredAnswer[]> {
  // 'YYYY-Qn' names sort as the quarters do.
  const rows = (await manager.query(
    `SELECT quarter, area_code, helped, respected, timely, would_call_again FROM feedback_scores
      WHERE initiative_id = $1 AND ($2::text IS NULL OR quarter >= $2)
        AND ($3::text IS NULL OR quarter <= $3)`,
    [initiativeId, first ?? null, last ?? null],
  )) as ({ quarter: string; area_code: string; would_call_again: number | null } & Record<
    Exclude<FeedbackQuestion, 'wouldCallAgain'>,
    number | null
  >)[];
  return rows.map((row) => ({
    quarter: row.quarter,
    areaCode: row.area_code,
    scores: withoutNulls({
      helped: row.helped,
      respected: row.respected,
      timely: row.timely,
      wouldCallAgain: row.would_call_again,
    }),
  }));
}

function withoutNulls(
  scores: Record<FeedbackQuestion, number | null>,
): Partial<Record<FeedbackQuestion, number>> {
  return Object.fromEntries(
    Object.entries(scores).filter(([, score]) => score !== null),
  ) as Partial<Record<FeedbackQuestion, number>>;
}
