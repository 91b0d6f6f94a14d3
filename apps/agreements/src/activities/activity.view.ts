import {
  ActivityKind,
  ActivitySnapshotV1,
  ActivityStatus,
  ActivityTopic,
} from '@concord/contracts';
import { Activity } from './activity.entity';
import { ActivityParticipant } from './activity-participant.entity';

export interface ActivityParticipantView {
  organizationId: string;
  confirmed: boolean;
  confirmedAt: string | null;
  /** How many of its people came; null until recorded. */
  attendees: number | null;
}

/** An activity as the HTTP API answers it. */
export interface ActivityView {
  id: string;
  initiativeId: string;
  kind: ActivityKind;
  topic: ActivityTopic;
  topicDetail: string | null;
  title: string;
  place: string;
  startsAt: string;
  endsAt: string;
  status: ActivityStatus;
  revision: number;
  /** The organisations taking part, by id. */
  participants: ActivityParticipantView[];
  createdAt: string;
  updatedAt: string;
}

const byOrganization = (participants: readonly ActivityParticipant[]): ActivityParticipant[] =>
  [...participants].sort((a, b) => (a.organizationId < b.organizationId ? -1 : 1));

export function toActivityView(
  activity: Activity,
  participants: readonly ActivityParticipant[],
): ActivityView {
  return {
    id: activity.id,
    initiativeId: activity.initiativeId,
    kind: activity.kind,
    topic: activity.topic,
    topicDetail: activity.topicDetail,
    title: activity.title,
    place: activity.place,
    startsAt: activity.startsAt.toISOString(),
    endsAt: activity.endsAt.toISOString(),
    status: activity.status,
    revision: activity.revision,
    participants: byOrganization(participants).map((participant) => ({
      organizationId: participant.organizationId,
      confirmed: participant.confirmedAt !== null,
      confirmedAt: participant.confirmedAt?.toISOString() ?? null,
      attendees: participant.attendees,
    })),
    createdAt: activity.createdAt.toISOString(),
    updatedAt: activity.updatedAt.toISOString(),
  };
}

/** The activity.* payload: codes, times and head counts; the title, place and free text stay here. */
export function toActivitySnapshot(
  activity: Activity,
  participants: readonly ActivityParticipant[],
): ActivitySnapshotV1 {
  return {
    activityId: activity.id,
    initiativeId: activity.initiativeId,
    kind: activity.kind,
    topic: activity.topic,
    status: activity.status,
    startsAt: activity.startsAt.toISOString(),
    endsAt: activity.endsAt.toISOString(),
    revision: activity.revision,
    participants: byOrganization(participants).map((participant) => ({
      organizationId: participant.organizationId,
      confirmed: participant.confirmedAt !== null,
      ...(participant.attendees === null ? {} : { attendees: participant.attendees }),
    })),
  };
}
