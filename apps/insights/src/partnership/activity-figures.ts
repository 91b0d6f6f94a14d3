import {
  ActivityKind,
  ActivityStatus,
  KPI_TARGET_DIRECTIONS,
  KpiTargetKind,
} from '@concord/contracts';
import { Quarter, quarterOf } from './quarter';

/** One joint activity as the projection keeps it: codes, times and head counts only. */
export interface ActivityRow {
  readonly kind: ActivityKind;
  readonly status: ActivityStatus;
  readonly startsAt: Date;
  readonly participants: readonly {
    readonly organizationId: string;
    readonly confirmed: boolean;
    /** Absent until attendance is recorded, and for an organisation left out of the record. */
    readonly attendees?: number | null;
  }[];
}

/** One of the initiative's KPI targets; only those with a kind this module measures count. */
export interface InitiativeTarget {
  readonly kind?: KpiTargetKind;
  readonly metric: string;
  readonly target: number;
}

/** The target kinds measured from activities, and the quarter's figure each is measured by. */
const MEASURED = {
  'trainings-per-quarter': (quarter: QuarterCounts) => quarter.trainingsHeld,
  'attendance-per-quarter': (quarter: QuarterCounts) => quarter.attendees,
} as const satisfies Partial<Record<KpiTargetKind, (quarter: QuarterCounts) => number>>;
type MeasuredKind = keyof typeof MEASURED;
const isMeasured = (kind: KpiTargetKind | undefined): kind is MeasuredKind =>
  kind !== undefined && kind in MEASURED;

export interface OrganizationActivityFigures {
  readonly organizationId: string;
  /** Held activities it took part in with at least one person there. */
  readonly activitiesAttended: number;
  /** Of those, the trainings. */
  readonly trainingsAttended: number;
  /** Its people at the quarter's held activities, summed. */
  readonly attendees: number;
}

export interface ActivityTargetResult {
  readonly kind: MeasuredKind;
  readonly metric: string;
  readonly target: number;
  readonly actual: number;
  readonly met: boolean;
}

interface QuarterCounts {
  readonly quarter: Quarter;
  /** Trainings held (attendance recorded) that started in the quarter. */
  readonly trainingsHeld: number;
  /** Community meetings and outreach events held that started in the quarter. */
  readonly communityEventsHeld: number;
  /** People at the quarter's held activities, all organisations. */
  readonly attendees: number;
}

export interface QuarterActivityFigures extends QuarterCounts {
  /** Every organisation taking part in a held activity of the quarter, by id. */
  readonly byOrganization: readonly OrganizationActivityFigures[];
  /** The initiative's per-quarter activity targets, each against the quarter's figure. */
  readonly targets: readonly ActivityTargetResult[];
}

/**
 * The initiative's joint activities counted per quarter, each quarter against the initiative's
 * per-quarter targets. Only held activities count (planned ones have not happened, cancelled ones
 * will not), in the quarter their start falls in (UTC). `quarters` are the quarters to show, with
 * zeros where nothing was held; by default those that had a held activity. An activity's
 * attendance is the head count its record gives; an organisation without one brought no one.
 */
export function activityFigures(
  activities: readonly ActivityRow[],
  targets: readonly InitiativeTarget[],
  quarters?: readonly Quarter[],
): QuarterActivityFigures[] {
  const held = activities.filter((activity) => activity.status === 'held');
  const shown = quarters ?? [...new Set(held.map(({ startsAt }) => quarterOf(startsAt)))].sort();
  return shown.map((quarter) => {
    const ofQuarter = held.filter(({ startsAt }) => quarterOf(startsAt) === quarter);
    const counts: QuarterCounts = {
      quarter,
      trainingsHeld: ofQuarter.filter(({ kind }) => kind === 'training').length,
      communityEventsHeld: ofQuarter.filter(({ kind }) => kind !== 'training').length,
      attendees: sum(ofQuarter.flatMap(({ participants }) => participants.map(headCount))),
    };
    return {
      ...counts,
      byOrganization: byOrganization(ofQuarter),
      targets: targets.flatMap(({ kind, metric, target }) => {
        if (!isMeasured(kind)) return [];
        const actual = MEASURED[kind](counts);
        return [{ kind, metric, target, actual, met: meets(kind, actual, target) }];
      }),
    };
  });
}

function byOrganization(held: readonly ActivityRow[]): OrganizationActivityFigures[] {
  const figures = new Map<string, { activities: number; trainings: number; attendees: number }>();
  for (const { kind, participants } of held) {
    for (const participant of participants) {
      const figure = figures.get(participant.organizationId) ?? {
        activities: 0,
        trainings: 0,
        attendees: 0,
      };
      const came = headCount(participant) > 0 ? 1 : 0;
      figure.activities += came;
      figure.trainings += kind === 'training' ? came : 0;
      figure.attendees += headCount(participant);
      figures.set(participant.organizationId, figure);
    }
  }
  return [...figures.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organizationId, figure]) => ({
      organizationId,
      activitiesAttended: figure.activities,
      trainingsAttended: figure.trainings,
      attendees: figure.attendees,
    }));
}

function meets(kind: MeasuredKind, actual: number, target: number): boolean {
  return KPI_TARGET_DIRECTIONS[kind] === 'at-least' ? actual >= target : actual <= target;
}

const headCount = ({ attendees }: ActivityRow['participants'][number]): number => attendees ?? 0;
const sum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);
