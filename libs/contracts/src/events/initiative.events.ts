import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ACTIVITY_TOPICS,
  ActivityKind,
  ActivityStatus,
  ActivityTopic,
  KPI_TARGET_KINDS,
  KpiTargetKind,
  REFERRAL_CATEGORIES,
  ReferralCategory,
} from '../vocabulary';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One KPI target of an initiative; only a target with a `kind` is measured by Concord. */
export class KpiTargetV1 {
  @IsOptional() @IsIn(KPI_TARGET_KINDS) kind?: KpiTargetKind;
  @IsString() @MaxLength(100) metric: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) target: number;
  @IsOptional() @IsString() @MaxLength(50) unit?: string;
}

/**
 * A joint initiative after each change (event-carried state transfer): its partners, period and
 * KPI targets, which the partnership review measures against. A programme, not a person.
 */
export class InitiativeSnapshotV1 {
  @IsUUID() initiativeId: string;
  @IsString() @MaxLength(200) name: string;
  @IsUUID() leadAgencyId: string;
  @ArrayMaxSize(500) @ArrayUnique() @IsUUID(undefined, { each: true }) partnerIds: string[];
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(REFERRAL_CATEGORIES, { each: true })
  categories: ReferralCategory[];
  /** YYYY-MM-DD, inclusive. */
  @Matches(ISO_DATE) periodFrom: string;
  /** YYYY-MM-DD, inclusive. */
  @Matches(ISO_DATE) periodTo: string;
  /** Grows by one with each change; a consumer ignores a snapshot older than the one it has. */
  @IsInt() @Min(1) revision: number;
  @ValidateNested({ each: true })
  @ArrayMaxSize(50)
  @Type(() => KpiTargetV1)
  kpiTargets: KpiTargetV1[];
}

/** An organisation's part in an activity: whether it confirmed, and how many of its people came. */
export class ActivityParticipantV1 {
  @IsUUID() organizationId: string;
  @IsBoolean() confirmed: boolean;
  /** A head count once attendance is recorded; never a list of names. */
  @IsOptional() @IsInt() @Min(0) @Max(100_000) attendees?: number;
}

/**
 * A joint training or community event after each change. Its title, place and free-text topic
 * stay in the agreements service: only codes, times and head counts travel.
 */
export class ActivitySnapshotV1 {
  @IsUUID() activityId: string;
  @IsUUID() initiativeId: string;
  @IsIn(ACTIVITY_KINDS) kind: ActivityKind;
  @IsIn(ACTIVITY_TOPICS) topic: ActivityTopic;
  @IsIn(ACTIVITY_STATUSES) status: ActivityStatus;
  @IsISO8601({ strict: true }) startsAt: string;
  @IsISO8601({ strict: true }) endsAt: string;
  /** Grows by one with each change; a consumer ignores a snapshot older than the one it has. */
  @IsInt() @Min(1) revision: number;
  @ValidateNested({ each: true })
  @ArrayMaxSize(500)
  @Type(() => ActivityParticipantV1)
  participants: ActivityParticipantV1[];
}

/** A community survey of an initiative, opened or closed to answers. */
export class SurveyStateV1 {
  @IsUUID() surveyId: string;
  @IsUUID() initiativeId: string;
  @IsIn(['open', 'closed']) status: 'open' | 'closed';
}

/** The scores of one anonymous answer, 1–5 each; a question left unanswered is absent. */
export class FeedbackScoresV1 {
  @IsOptional() @IsInt() @Min(1) @Max(5) helped?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) respected?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) timely?: number;
  @IsOptional() @IsInt() @Min(1) @Max(5) wouldCallAgain?: number;
}

/**
 * One anonymous community answer: its scores and the coarse area code it came with. No free text,
 * no address, no network, nothing that leads back to a referral or a person.
 */
export class FeedbackReceivedV1 {
  @IsUUID() surveyId: string;
  @IsUUID() initiativeId: string;
  /** A geohash of at most 5 characters (about 5 km), when the link carried one. */
  @IsOptional() @Matches(/^[0-9b-hjkmnp-z]{1,5}$/) areaCode?: string;
  @ValidateNested() @Type(() => FeedbackScoresV1) scores: FeedbackScoresV1;
}

const topic = Topics.initiatives;
/** Everything of one initiative is keyed by it, so its activities and answers keep their order. */
const byInitiative = (payload: { initiativeId: string }): string => payload.initiativeId;

const activity = (name: string, summary: string) =>
  defineEvent({ name, version: 1, topic, payload: ActivitySnapshotV1, key: byInitiative, summary });

export const InitiativeEvents = {
  launched: defineEvent({
    name: 'initiative.launched',
    version: 1,
    topic,
    payload: InitiativeSnapshotV1,
    key: byInitiative,
    summary: 'A joint initiative was set up, with its partners, period and KPI targets.',
  }),
  targetsSet: defineEvent({
    name: 'initiative.targets-set',
    version: 1,
    topic,
    payload: InitiativeSnapshotV1,
    key: byInitiative,
    summary: "The initiative's KPI targets changed; the snapshot carries them all.",
  }),
};

export const ActivityEvents = {
  planned: activity('activity.planned', 'A joint training or community event was planned.'),
  rescheduled: activity(
    'activity.rescheduled',
    'Its time, topic or taking-part organisations changed.',
  ),
  participationConfirmed: activity(
    'activity.participation-confirmed',
    'A taking-part organisation confirmed it will be there.',
  ),
  attendanceRecorded: activity(
    'activity.attendance-recorded',
    'The activity was held: the head count per organisation is recorded.',
  ),
  cancelled: activity('activity.cancelled', 'The activity will not take place.'),
};

export const FeedbackEvents = {
  surveyOpened: defineEvent({
    name: 'survey.opened',
    version: 1,
    topic,
    payload: SurveyStateV1,
    key: byInitiative,
    summary: "An initiative's community survey takes answers through its public link.",
  }),
  surveyClosed: defineEvent({
    name: 'survey.closed',
    version: 1,
    topic,
    payload: SurveyStateV1,
    key: byInitiative,
    summary: 'The survey takes no more answers.',
  }),
  received: defineEvent({
    name: 'feedback.received',
    version: 1,
    topic,
    payload: FeedbackReceivedV1,
    key: byInitiative,
    summary: 'An anonymous community answer: scores and area code only.',
  }),
};
