import 'reflect-metadata';
import { runService } from '@concord/platform';
import { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

void runService({
  service: 'notifications',
  configClass: NotificationsConfig,
  module: NotificationsModule.forRoot,
});
