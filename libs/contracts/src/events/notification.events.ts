import { IsIn, IsInt, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const CHANNELS = ['webhook', 'email', 'inbox'] as const;
export type Channel = (typeof CHANNELS)[number];

export class NotificationOutcomeV1 {
  @IsUUID() notificationId: string;
  @IsUUID() organizationId: string;
  @IsIn(CHANNELS) channel: Channel;
  /** The CloudEvents id of the event the notification was about. */
  @IsString() @MaxLength(100) aboutEventId: string;
  /** The subject (aggregate id, e.g. the referral's) of the event the notification was about. */
  @IsString() @MaxLength(200) aboutSubject: string;
  @IsInt() @Min(1) attempts: number;
}

const topic = Topics.notifications;
const byNotification = (payload: NotificationOutcomeV1): string => payload.notificationId;

export const NotificationEvents = {
  delivered: defineEvent({
    name: 'notification.delivered',
    version: 1,
    topic,
    payload: NotificationOutcomeV1,
    key: byNotification,
    summary: 'A notification reached its receiver.',
  }),
  failed: defineEvent({
    name: 'notification.failed',
    version: 1,
    topic,
    payload: NotificationOutcomeV1,
    key: byNotification,
    summary: 'A notification could not be delivered after the last try.',
  }),
};
