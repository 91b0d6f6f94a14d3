import { Channel } from '@concord/contracts';
import { AttemptOutcome, DeliveryAttempt } from '../delivery/delivery-attempt.entity';
import { Notification, NotificationStatus } from '../delivery/notification.entity';
import { Audience } from '../routing/notification-routes';

export interface DeliveryAttemptView {
  number: number;
  at: string;
  channel: Channel;
  outcome: AttemptOutcome;
  /** The HTTP status of a webhook's answer, or the SMTP reply code of an e-mail. */
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** A notification in the delivery log. */
export interface NotificationLogView {
  id: string;
  recipient: { audience: Audience; organizationId: string };
  /** Null for the default inbox. */
  subscriptionId: string | null;
  channel: Channel;
  status: NotificationStatus;
  about: { eventId: string; type: string; subject: string; occurredAt: string };
  link: string | null;
  attemptCount: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  failedAt: string | null;
}

/** One notification with every try. */
export interface NotificationDetailView extends NotificationLogView {
  attempts: DeliveryAttemptView[];
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export function toNotificationLogView(notification: Notification): NotificationLogView {
  return {
    id: notification.id,
    recipient: {
      audience: notification.recipientAudience,
      organizationId: notification.recipientId,
    },
    subscriptionId: notification.subscriptionId,
    channel: notification.channel,
    status: notification.status,
    about: {
      eventId: notification.aboutEventId,
      type: notification.aboutEventType,
      subject: notification.aboutSubject,
      occurredAt: notification.occurredAt.toISOString(),
    },
    link: notification.link,
    attemptCount: notification.attempts,
    nextAttemptAt: notification.status === 'pending' ? iso(notification.nextAttemptAt) : null,
    lastError: notification.lastError,
    createdAt: notification.createdAt.toISOString(),
    deliveredAt: iso(notification.deliveredAt),
    failedAt: iso(notification.failedAt),
  };
}

export function toNotificationDetailView(
  notification: Notification,
  attempts: readonly DeliveryAttempt[],
): NotificationDetailView {
  return {
    ...toNotificationLogView(notification),
    attempts: attempts.map((attempt) => ({
      number: attempt.number,
      at: attempt.attemptedAt.toISOString(),
      channel: attempt.channel,
      outcome: attempt.outcome,
      responseStatus: attempt.responseStatus,
      error: attempt.error,
      durationMs: attempt.durationMs,
    })),
  };
}
