import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationEvents, NotificationOutcomeV1 } from '@concord/contracts';
import { Outbox, runInMessageContext } from '@concord/messaging';
import { notificationsFinished } from '@concord/telemetry';
import { NotificationsConfig } from '../notifications.config';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { backoffMs, DeliveryResult } from './delivery-result';
import { Notification } from './notification.entity';

/**
 * Writes down each try and what it came to, and announces the end of a notification's road —
 * notification.delivered or notification.failed — through the outbox, in the same transaction.
 */
@Injectable()
export class DeliveryLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly config: NotificationsConfig,
  ) {}

  /** Inbox notifications are delivered the moment they are stored, in the caller's transaction. */
  async stored(manager: EntityManager, notifications: Notification[]): Promise<void> {
    await manager.insert(
      DeliveryAttempt,
      notifications.map((notification) => ({
        notificationId: notification.id,
        number: 1,
        channel: notification.channel,
        attemptedAt: notification.createdAt,
        durationMs: 0,
        outcome: 'stored' as const,
        responseStatus: null,
        error: null,
      })),
    );
    for (const notification of notifications) {
      await this.announce(manager, notification, 'delivered');
    }
  }

  /**
   * Records try number `notification.attempts`. It changes the notification only while that is
   * still its latest try: a worker whose claim ran out while it waited for a slow receiver, and
   * so was overtaken by another, records its try but decides nothing.
   */
  async record(
    notification: Notification,
    result: DeliveryResult,
    attemptedAt: Date,
    durationMs: number,
  ): Promise<void> {
    const number = notification.attempts;
    let finished: 'delivered' | 'failed' | undefined;
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(DeliveryAttempt, {
        notificationId: notification.id,
        number,
        channel: notification.channel,
        attemptedAt,
        durationMs,
        outcome: result.delivered ? 'delivered' : 'failed',
        responseStatus: result.responseStatus,
        error: result.error,
      });
      const latest = { id: notification.id, attempts: number, status: 'pending' as const };
      if (result.delivered) {
        const { affected } = await manager.update(Notification, latest, {
          status: 'delivered',
          deliveredAt: new Date(),
          nextAttemptAt: null,
          lastError: null,
        });
        if (affected) await this.announce(manager, notification, (finished = 'delivered'));
      } else if (number >= this.config.WEBHOOK_MAX_ATTEMPTS) {
        const { affected } = await manager.update(Notification, latest, {
          status: 'failed',
          failedAt: new Date(),
          nextAttemptAt: null,
          lastError: result.error,
        });
        if (affected) await this.announce(manager, notification, (finished = 'failed'));
      } else {
        const delayMs = backoffMs(
          this.config.WEBHOOK_INITIAL_BACKOFF_MS,
          this.config.WEBHOOK_MAX_BACKOFF_MS,
          number,
        );
        await manager.query(
          `UPDATE notifications
              SET next_attempt_at = now() + ($4 || ' milliseconds')::interval, last_error = $3
            WHERE id = $1 AND attempts = $2 AND status = 'pending'`,
          [notification.id, number, result.error, String(delayMs)],
        );
      }
    });
    if (finished) notificationsFinished.inc({ channel: notification.channel, outcome: finished });
  }

  /** A notification of a subscription deleted meanwhile is not delivered. */
  async cancel(notification: Notification): Promise<void> {
    await this.dataSource.manager.update(
      Notification,
      { id: notification.id, status: 'pending' },
      { status: 'cancelled', nextAttemptAt: null },
    );
  }

  /** In the message context of the event the notification is about: its correlation id, and it as the cause. */
  private announce(
    manager: EntityManager,
    notification: Notification,
    outcome: 'delivered' | 'failed',
  ): Promise<unknown> {
    const payload: NotificationOutcomeV1 = {
      notificationId: notification.id,
      organizationId: notification.recipientId,
      channel: notification.channel,
      aboutEventId: notification.aboutEventId,
      aboutSubject: notification.aboutSubject,
      attempts: Math.max(1, notification.attempts),
    };
    return runInMessageContext(
      { correlationId: notification.aboutCorrelationId, causationId: notification.aboutEventId },
      () => this.outbox.publish(manager, NotificationEvents[outcome], payload),
    );
  }
}
