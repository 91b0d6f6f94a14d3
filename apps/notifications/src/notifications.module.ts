import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { NotificationsConfig } from './notifications.config';
import { NOTIFICATIONS_MIGRATIONS } from './migrations';

/** Subscriptions and delivery over webhook, e-mail and inbox (issue 4). */
@Module({})
export class NotificationsModule {
  static forRoot(config: NotificationsConfig): DynamicModule {
    return {
      module: NotificationsModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'notifications',
          config,
          migrations: NOTIFICATIONS_MIGRATIONS,
        }),
      ],
    };
  }
}
