import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Channel, EventEnvelope } from '@concord/contracts';
import { traceHeadersOfCurrentWork } from '@concord/telemetry';
import { NotificationsConfig } from '../notifications.config';
import { isAboutReferral, routeOf } from '../routing/notification-routes';
import { Recipient } from '../routing/recipient';
import { RecipientDirectory } from '../routing/recipient-directory.service';
import { Subscription } from '../subscriptions/subscription.entity';
import { DeliveryLedger } from './delivery-ledger.service';
import { Notification } from './notification.entity';

interface Target {
  readonly channel: Channel;
  readonly subscriptionId: string | null;
}

/**
 * Turns one event into its notifications, inside the transaction of the event's handler: one per
 * subscription of each recipient to the event type, or, for a recipient with none, one in its
 * inbox. Webhook and e-mail notifications wait for the DeliveryWorker; inbox ones are delivered
 * here and then.
 */
@Injectable()
export class NotificationFanOut {
  constructor(
    private readonly recipients: RecipientDirectory,
    private readonly ledger: DeliveryLedger,
    private readonly config: NotificationsConfig,
  ) {}

  async notify(manager: EntityManager, envelope: EventEnvelope, payload: object): Promise<void> {
    const route = routeOf(envelope.type);
    if (!route) return;
    // The aggregate id from the validated payload, not from the ce_subject header.
    const subject = route.event.key(payload);
    const link = isAboutReferral(route.event)
      ? `${this.config.PUBLIC_REFERRALS_URL}/referrals/${subject}`
      : null;
    const recipients = await this.recipients.recipientsOf(manager, route, payload);
    if (recipients.length === 0) return;
    const targets = await this.targetsOf(manager, recipients, envelope.type);
    const now = new Date();
    const traceparent = traceHeadersOfCurrentWork().traceparent ?? null;
    const notifications = recipients.flatMap((recipient) =>
      (targets.get(recipient.id) ?? []).map((target) => {
        const inbox = target.channel === 'inbox';
        return manager.create(Notification, {
          id: randomUUID(),
          recipientAudience: recipient.audience,
          recipientId: recipient.id,
          subscriptionId: target.subscriptionId,
          channel: target.channel,
          aboutEventId: envelope.id,
          aboutEventType: envelope.type,
          aboutSubject: subject,
          aboutCorrelationId: envelope.correlationId,
          occurredAt: new Date(envelope.time),
          data: payload,
          link,
          status: inbox ? 'delivered' : 'pending',
          attempts: inbox ? 1 : 0,
          nextAttemptAt: inbox ? null : now,
          lastError: null,
          deliveredAt: inbox ? now : null,
          failedAt: null,
          readAt: null,
          createdAt: now,
          traceparent: inbox ? null : traceparent,
        });
      }),
    );
    // One statement for all: a redelivered event's notifications are there already, and the
    // unique indexes (one per subscription, one per default inbox) leave them out.
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(notifications)
      .orIgnore()
      .returning(['id'])
      .execute();
    const isNew = new Set((inserted.raw as { id: string }[]).map((row) => row.id));
    const stored = notifications.filter(
      (notification) => notification.channel === 'inbox' && isNew.has(notification.id),
    );
    if (stored.length > 0) await this.ledger.stored(manager, stored);
  }

  /**
   * For each recipient, each webhook and e-mail subscription to the event type, and its inbox
   * once: through an inbox subscription, or by default when no subscription covers the type at
   * all. One query for every recipient.
   */
  private async targetsOf(
    manager: EntityManager,
    recipients: Recipient[],
    type: string,
  ): Promise<Map<string, Target[]>> {
    const subscriptions = await manager
      .createQueryBuilder(Subscription, 'subscription')
      .where('subscription.owner_id = ANY(:owners)', {
        owners: recipients.map((recipient) => recipient.id),
      })
      .andWhere('subscription.deleted_at IS NULL')
      .andWhere(':type = ANY(subscription.event_types)', { type })
      .orderBy('subscription.created_at')
      .addOrderBy('subscription.id')
      .getMany();
    return new Map(
      recipients.map((recipient) => {
        const own = subscriptions.filter((subscription) => subscription.ownerId === recipient.id);
        if (own.length === 0) return [recipient.id, [{ channel: 'inbox', subscriptionId: null }]];
        const targets: Target[] = own
          .filter((subscription) => subscription.channel !== 'inbox')
          .map((subscription) => ({
            channel: subscription.channel,
            subscriptionId: subscription.id,
          }));
        const inbox = own.find((subscription) => subscription.channel === 'inbox');
        if (inbox) targets.push({ channel: 'inbox', subscriptionId: inbox.id });
        return [recipient.id, targets];
      }),
    );
  }
}
