import { describeNotification } from '../delivery/notification-message';
import { Notification } from '../delivery/notification.entity';

/** One inbox item: what happened to which referral (or budget, agreement), with a link. */
export interface InboxItemView {
  id: string;
  /** The CloudEvents type, e.g. concord.referral.assigned.v1. */
  type: string;
  /** The aggregate it is about, e.g. the referral id. */
  subject: string;
  title: string;
  summary: string;
  link: string | null;
  /** The event's payload: ids, categories, times; no personal data. */
  data: object;
  occurredAt: string;
  createdAt: string;
  readAt: string | null;
}

export function toInboxItemView(notification: Notification): InboxItemView {
  const { title, summary } = describeNotification(notification);
  return {
    id: notification.id,
    type: notification.aboutEventType,
    subject: notification.aboutSubject,
    title,
    summary,
    link: notification.link,
    data: notification.data,
    occurredAt: notification.occurredAt.toISOString(),
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}
