import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Caller } from '@concord/auth';
import { forbidden, notFound, unprocessable } from '@concord/platform';
import { EmailChannel } from '../delivery/email.channel';
import { nonPublicDestination } from '../delivery/webhook-destination';
import { Notification } from '../delivery/notification.entity';
import { NotificationsConfig } from '../notifications.config';
import { Listener, listenerOfRole, typesHeardBy } from '../routing/notification-routes';
import { recipientOfCaller } from '../routing/recipient';
import { CreateSubscriptionRequest } from './subscription.dto';
import { Subscription } from './subscription.entity';
import { SubscriptionView, toSubscriptionView } from './subscription.view';
import { sealWebhookSecret } from './webhook-secret-box';

const subscriptionNotFound = (id: string) =>
  notFound('SUBSCRIPTION_NOT_FOUND', `subscription ${id} does not exist or is not yours to see`);

/** Subscribing an organisation, or the programme administrators, to events on a channel. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly email: EmailChannel,
    private readonly config: NotificationsConfig,
  ) {}

  async create(caller: Caller, request: CreateSubscriptionRequest): Promise<SubscriptionView> {
    const owner = recipientOfCaller(caller, this.config.PROGRAMME_ADMINISTRATORS_ID);
    const audience = request.audience ?? owner.audience;
    if (audience !== owner.audience) {
      throw forbidden(
        'SUBSCRIPTION_AUDIENCE_NOT_ALLOWED',
        owner.audience === 'administrators'
          ? 'an admin subscribes the programme administrators (audience administrators)'
          : `a ${caller.role} subscribes its own organisation (audience organization)`,
      );
    }
    this.checkHeard(caller, request.eventTypes);
    if (request.channel === 'email' && !this.email.enabled) {
      throw unprocessable(
        'EMAIL_CHANNEL_DISABLED',
        'e-mail notifications are switched off here (no SMTP_URL); choose channel webhook or inbox',
      );
    }
    if (request.webhook) await this.checkWebhookDestination(request.webhook.url);
    const subscription = this.dataSource.manager.create(Subscription, {
      id: randomUUID(),
      audience,
      ownerId: owner.id,
      eventTypes: request.eventTypes,
      channel: request.channel,
      webhookUrl: request.webhook?.url ?? null,
      webhookSecret: request.webhook
        ? sealWebhookSecret(this.config.webhookSecretsKey, request.webhook.secret)
        : null,
      emailAddress: request.email?.address ?? null,
      createdBy: caller.subject,
      createdAt: new Date(),
      deletedAt: null,
    });
    await this.dataSource.manager.insert(Subscription, subscription);
    return toSubscriptionView(subscription);
  }

  /** In production only https; private networks only where the operator allows them. */
  private async checkWebhookDestination(url: string): Promise<void> {
    if (this.config.NODE_ENV === 'production' && !url.startsWith('https:')) {
      throw unprocessable(
        'WEBHOOK_URL_NOT_HTTPS',
        'webhook.url must be an https URL in production',
      );
    }
    if (this.config.webhooksMayReachPrivateNetworks) return;
    const refused = await nonPublicDestination(url).catch(
      (error: Error) => `its host cannot be resolved (${error.message})`,
    );
    if (refused) {
      throw unprocessable(
        'WEBHOOK_URL_NOT_PUBLIC',
        `webhook.url must reach a public address: ${refused} (WEBHOOK_ALLOW_PRIVATE_NETWORKS)`,
      );
    }
  }

  /** The caller's own subscriptions, oldest first; an admin's are every one. */
  async list(caller: Caller): Promise<SubscriptionView[]> {
    const owner = recipientOfCaller(caller, this.config.PROGRAMME_ADMINISTRATORS_ID);
    const subscriptions = await this.dataSource.manager.find(Subscription, {
      where: {
        deletedAt: IsNull(),
        ...(caller.role === 'admin' ? {} : { ownerId: owner.id }),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return subscriptions.map(toSubscriptionView);
  }

  async get(caller: Caller, id: string): Promise<SubscriptionView> {
    return toSubscriptionView(await this.visible(this.dataSource.manager, caller, id));
  }

  /** Ends the subscription; its notifications not yet delivered are cancelled. */
  async delete(caller: Caller, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const subscription = await this.visible(manager, caller, id);
      await manager.update(Subscription, { id, deletedAt: IsNull() }, { deletedAt: new Date() });
      await manager.update(
        Notification,
        { subscriptionId: subscription.id, status: 'pending' },
        { status: 'cancelled', nextAttemptAt: null },
      );
    });
  }

  private async visible(manager: EntityManager, caller: Caller, id: string): Promise<Subscription> {
    const subscription = await manager.findOneBy(Subscription, {
      id,
      deletedAt: IsNull(),
    });
    const owner = recipientOfCaller(caller, this.config.PROGRAMME_ADMINISTRATORS_ID);
    if (!subscription || (caller.role !== 'admin' && subscription.ownerId !== owner.id)) {
      throw subscriptionNotFound(id);
    }
    return subscription;
  }

  /** Refuses event types the routing table never tells the caller's role of. */
  private checkHeard(caller: Caller, eventTypes: readonly string[]): void {
    const listener = listenerOfRole(caller.role);
    if (!listener) {
      throw forbidden('SUBSCRIPTION_ROLE_NOT_ALLOWED', `a ${caller.role} may not subscribe`);
    }
    const heard = typesHeardBy(listener);
    const unheard = eventTypes.filter((type) => !heard.includes(type));
    if (unheard.length > 0) {
      const { who, verb, pronoun } = HEARERS[listener];
      throw unprocessable(
        'SUBSCRIPTION_EVENT_TYPES_NOT_ROUTED',
        `eventTypes: ${who} ${verb} never told of ${unheard.join(', ')}; the types ${pronoun} can hear are ${heard.join(', ')}`,
      );
    }
  }
}

/** How a refusal names the listener a caller subscribes as. */
const HEARERS: Record<Listener, { who: string; verb: string; pronoun: string }> = {
  agency: { who: "a dispatcher's agency", verb: 'is', pronoun: 'it' },
  partner: { who: 'a partner organisation', verb: 'is', pronoun: 'it' },
  administrators: { who: 'the programme administrators', verb: 'are', pronoun: 'they' },
};
