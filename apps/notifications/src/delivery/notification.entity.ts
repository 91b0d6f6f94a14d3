import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Channel } from '@concord/contracts';
import { Audience } from '../routing/notification-routes';

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed', 'cancelled'] as const;
/**
 * `pending` until delivered or out of tries (`failed`); `cancelled` when its subscription was
 * deleted first. An inbox notification is `delivered` the moment it is stored.
 */
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One event told to one recipient on one channel: at most one per (event, subscription), or per
 * (event, recipient) for the default inbox. Its id is the `Concord-Event-Id` of every try.
 */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text', name: 'recipient_audience' }) recipientAudience: Audience;
  /** The organisation, or PROGRAMME_ADMINISTRATORS_ID. */
  @Column({ type: 'uuid', name: 'recipient_id' }) recipientId: string;
  /** Null for the default inbox of a recipient without a subscription to the event type. */
  @Column({ type: 'uuid', name: 'subscription_id', nullable: true }) subscriptionId: string | null;
  @Column({ type: 'text' }) channel: Channel;
  @Column({ type: 'text', name: 'about_event_id' }) aboutEventId: string;
  @Column({ type: 'text', name: 'about_event_type' }) aboutEventType: string;
  /** The aggregate the event is about: a referral, budget or agreement id. */
  @Column({ type: 'text', name: 'about_subject' }) aboutSubject: string;
  @Column({ type: 'text', name: 'about_correlation_id' }) aboutCorrelationId: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  /** The event's payload, which by contract carries no personal data. */
  @Column({ type: 'jsonb' }) data: object;
  @Column({ type: 'text', nullable: true }) link: string | null;
  @Column({ type: 'text' }) status: NotificationStatus;
  /** Tries begun so far. */
  @Column({ type: 'int' }) attempts: number;
  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError: string | null;
  @Column({ type: 'timestamptz', name: 'delivered_at', nullable: true }) deliveredAt: Date | null;
  @Column({ type: 'timestamptz', name: 'failed_at', nullable: true }) failedAt: Date | null;
  /** Inbox only: when the recipient marked it read. */
  @Column({ type: 'timestamptz', name: 'read_at', nullable: true }) readAt: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  /** The trace of the handling that created it, continued by its delivery; null when untraced. */
  @Column({ type: 'text', nullable: true }) traceparent: string | null;
}
