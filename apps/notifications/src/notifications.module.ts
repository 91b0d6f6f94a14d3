import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { DeliveryAttempt } from './delivery/delivery-attempt.entity';
import { DeliveryLedger } from './delivery/delivery-ledger.service';
import { DeliveryWorker } from './delivery/delivery.worker';
import { EmailChannel } from './delivery/email.channel';
import { Notification } from './delivery/notification.entity';
import { NotificationFanOut } from './delivery/notification-fan-out.service';
import { WebhookChannel } from './delivery/webhook.channel';
import { DeliveryLogService } from './delivery-log/delivery-log.service';
import { NotificationsController } from './delivery-log/notifications.controller';
import { NOTIFICATIONS_EVENTS } from './events/notifications.events';
import { InboxController } from './inbox/inbox.controller';
import { InboxService } from './inbox/inbox.service';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';
import { NotificationsConfig } from './notifications.config';
import { RecipientDirectory } from './routing/recipient-directory.service';
import { ReferralAgency } from './routing/referral-agency.entity';
import { Subscription } from './subscriptions/subscription.entity';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { SubscriptionsService } from './subscriptions/subscriptions.service';

/** Subscriptions, the routing table, and delivery over signed webhook, e-mail and inbox. */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        ServicePlatformModule.forRoot({
          events: NOTIFICATIONS_EVENTS,
          config,
          entities: [Subscription, Notification, DeliveryAttempt, ReferralAgency],
          migrations: NOTIFICATIONS_MIGRATIONS,
        }),
      ],
      controllers: [SubscriptionsController, InboxController, NotificationsController],
      providers: [
        { provide: NotificationsConfig, useValue: config },
        RecipientDirectory,
        NotificationFanOut,
        DeliveryLedger,
        DeliveryWorker,
        WebhookChannel,
        EmailChannel,
        SubscriptionsService,
        InboxService,
        DeliveryLogService,
      ],
    };
  }
}
