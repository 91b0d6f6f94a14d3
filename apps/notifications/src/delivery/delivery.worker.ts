import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { PeriodicWork, PgListener, RoundOutcome } from '@concord/messaging';
import {
  continueTrace,
  notificationDeliveryAttempts,
  notificationDeliveryDuration,
} from '@concord/telemetry';
import { NotificationsConfig } from '../notifications.config';
import { Subscription } from '../subscriptions/subscription.entity';
import { DeliveryLedger } from './delivery-ledger.service';
import { DeliveryResult } from './delivery-result';
import { EmailChannel } from './email.channel';
import { Notification } from './notification.entity';
import { WebhookChannel } from './webhook.channel';

/** Time a claimed notification stays invisible to other workers beyond its try's own timeout. */
const LEASE_MARGIN_MS = 30_000;

/** The channel the notifications table's trigger notifies when a notification awaits delivery. */
const DELIVERIES_CHANNEL = 'concord_deliveries';

/**
 * Delivers webhook and e-mail notifications after the transaction that created them committed.
 * It is woken by that commit (LISTEN concord_deliveries, from a trigger on the table), when a try
 * ends with a retry to schedule or a slot free while work waits, and by a timer armed for the
 * next retry that falls due; a sweep every DELIVERY_POLL_MS catches what a crashed process left.
 * It claims due notifications (`FOR UPDATE SKIP LOCKED`, then a lease in `next_attempt_at`), so
 * that any number of instances share the work and none tries one twice at once; up to
 * DELIVERY_CONCURRENCY tries run at the same time, a slow receiver holding up only its own. A
 * process that dies mid-try leaves the notification to be tried again when its lease ends:
 * delivery is at least once, and receivers drop duplicates by `Concord-Event-Id`.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly work: PeriodicWork;
  private readonly listener: PgListener;
  /** Every slot was taken when work was last claimed: a try that ends wakes the worker. */
  private saturated = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: DeliveryLedger,
    private readonly webhooks: WebhookChannel,
    private readonly email: EmailChannel,
    private readonly config: NotificationsConfig,
  ) {
    this.work = new PeriodicWork({
      name: 'delivery worker',
      intervalMs: config.DELIVERY_POLL_MS,
      round: () => this.poll(),
    });
    this.listener = new PgListener(dataSource, DELIVERIES_CHANNEL, () => this.work.runNow());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
    this.work.start();
  }

  /** Before, not on, shutdown: the tries in flight still need the database pool to record. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.work.stop();
    this.listener.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Starts tries for as many due notifications as there are free slots. With every slot taken,
   * the next round is when a try ends; otherwise when the next retry falls due.
   */
  private async poll(): Promise<RoundOutcome> {
    const free = this.config.DELIVERY_CONCURRENCY - this.inFlight.size;
    this.saturated = free <= 0;
    if (this.saturated) return undefined;
    const due = await this.claimDue(free);
    if (due.length === 0) return this.nextDue();
    const subscriptions = await this.dataSource.manager.findBy(Subscription, {
      id: In(due.flatMap(({ subscriptionId }) => (subscriptionId ? [subscriptionId] : []))),
    });
    const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
    for (const notification of due) {
      const subscription = byId.get(notification.subscriptionId ?? '');
      const attempt = continueTrace(
        notification.traceparent,
        `deliver ${notification.channel}`,
        {
          'concord.notification.id': notification.id,
          'cloudevents.event_type': notification.aboutEventType,
        },
        () => this.deliver(notification, subscription),
      )
        .catch((error: unknown) => {
          this.logger.warn(`notification ${notification.id}: ${String(error)}`);
          return false;
        })
        .then((delivered) => {
          this.inFlight.delete(attempt);
          // A retry to arm a timer for, or a free slot while work may wait.
          if (!delivered || this.saturated) this.work.runNow();
        });
      this.inFlight.add(attempt);
    }
    this.saturated = due.length === free;
    return this.saturated ? undefined : this.nextDue();
  }

  /** When the next pending notification falls due (its retry, or a lease that ends). */
  private async nextDue(): Promise<RoundOutcome> {
    const [{ ms }] = (await this.dataSource.query(
      `SELECT (EXTRACT(EPOCH FROM (min(next_attempt_at) - now())) * 1000)::float8 AS ms
         FROM notifications WHERE status = 'pending'`,
    )) as { ms: number | null }[];
    // Not GREATEST(0, …) in SQL: it ignores a NULL and would say "due now" with nothing pending.
    return ms === null ? undefined : { nextInMs: Math.max(0, Math.ceil(ms)) };
  }

  /** Claims up to `limit` due notifications, counting the try they are about to get. */
  private async claimDue(limit: number): Promise<Notification[]> {
    const leaseMs = this.config.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS;
    const [rows] = (await this.dataSource.query(
      `UPDATE notifications
          SET attempts = attempts + 1, next_attempt_at = now() + ($2 || ' milliseconds')::interval
        WHERE id IN (
          SELECT id FROM notifications
           WHERE status = 'pending' AND next_attempt_at <= now()
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, String(leaseMs)],
    )) as [{ id: string }[], number];
    if (rows.length === 0) return [];
    return this.dataSource.manager.find(Notification, {
      where: { id: In(rows.map((row) => row.id)) },
      order: { nextAttemptAt: 'ASC' },
    });
  }

  /** One try; true when the notification was delivered (or cancelled): nothing left to do. */
  private async deliver(
    notification: Notification,
    subscription: Subscription | undefined,
  ): Promise<boolean> {
    if (!subscription || subscription.deletedAt) {
      await this.ledger.cancel(notification);
      return true;
    }
    const attemptedAt = new Date();
    const started = performance.now();
    const result = await this.send(notification, subscription);
    const { channel } = notification;
    notificationDeliveryAttempts.inc({
      channel,
      outcome: result.delivered ? 'delivered' : 'failed',
    });
    notificationDeliveryDuration.observe({ channel }, (performance.now() - started) / 1000);
    await this.ledger.record(
      notification,
      result,
      attemptedAt,
      Math.round(performance.now() - started),
    );
    return result.delivered;
  }

  private send(notification: Notification, subscription: Subscription): Promise<DeliveryResult> {
    if (
      notification.channel === 'webhook' &&
      subscription.webhookUrl &&
      subscription.webhookSecret
    ) {
      return this.webhooks.send(notification, subscription.webhookUrl, subscription.webhookSecret);
    }
    if (notification.channel === 'email' && subscription.emailAddress) {
      return this.email.send(notification, subscription.emailAddress);
    }
    return Promise.resolve({
      delivered: false,
      responseStatus: null,
      error: `subscription ${subscription.id} cannot deliver on channel ${notification.channel}`,
    });
  }
}
