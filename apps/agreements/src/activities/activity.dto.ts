import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ACTIVITY_TOPICS,
  ActivityKind,
  ActivityStatus,
  ActivityTopic,
} from '@concord/contracts';
import { IsAfter, IsIsoDate, IsIsoDateTime, IsNotBefore, IsText } from '@concord/platform';

export const MAX_ATTENDEES = 100_000;

/** The body of POST /initiatives/:id/activities and of PUT /activities/:id. */
export class PlanActivityRequest {
  @IsIn(ACTIVITY_KINDS) kind: ActivityKind;
  @IsIn(ACTIVITY_TOPICS) topic: ActivityTopic;
  /** The topic in the organisers' words: required when the topic is `other`, optional otherwise. */
  @ValidateIf(
    (request: PlanActivityRequest) =>
      request.topic === 'other' || request.topicDetail !== undefined,
  )
  @IsText(200)
  topicDetail?: string;
  @IsText(200) title: string;
  @IsText(200) place: string;
  @IsIsoDateTime() startsAt: string;
  @IsIsoDateTime() @IsAfter('startsAt') endsAt: string;
  /** The initiative's lead agency or partners taking part, each once. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  organizationIds: string[];
}

/** The query of GET /activities. */
export class ListActivitiesQuery {
  @IsOptional() @IsUUID() initiativeId?: string;
  @IsOptional() @IsIn(ACTIVITY_STATUSES) status?: ActivityStatus;
  /** The first day (UTC) an activity may start on, inclusive. */
  @IsOptional() @IsIsoDate() from?: string;
  /** The last day (UTC) an activity may start on, inclusive. */
  @IsOptional() @IsIsoDate() @IsNotBefore('from') to?: string;
}

/** The body of POST /activities/:id/participation: none from a partner, the organisation from an admin. */
export class ConfirmParticipationRequest {
  /** The organisation whose participation an admin confirms; a partner confirms its own. */
  @IsOptional() @IsUUID() organizationId?: string;
}

/** One organisation's head count. */
export class AttendanceRequest {
  @IsUUID() organizationId: string;
  @IsInt() @Min(0) @Max(MAX_ATTENDEES) attendees: number;
}

/** The body of PUT /activities/:id/attendance: a taking-part organisation left out is not recorded. */
export class RecordAttendanceRequest {
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique((entry: AttendanceRequest | null) => entry?.organizationId ?? Symbol('none'), {
    message: 'attendance must name each organisation at most once',
  })
  @ValidateNested({ each: true })
  @Type(() => AttendanceRequest)
  attendance: AttendanceRequest[];
}
