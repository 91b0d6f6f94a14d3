import { ServiceSpec } from '@concord/platform';
import OPENAPI_ANSWERS from './openapi-answers.generated.json';
import { NotificationsConfig } from './notifications.config';
import { NotificationsModule } from './notifications.module';

/** How the notifications service starts; main.ts runs it and `npm run openapi` documents it. */
export const NOTIFICATIONS_SERVICE: ServiceSpec<NotificationsConfig> = {
  service: 'notifications',
  configClass: NotificationsConfig,
  module: NotificationsModule.forRoot,
  openApi: {
    title: 'Concord notifications',
    description:
      'Subscriptions, channels (signed webhook, e-mail, in-app inbox) and delivery attempts.',
    answers: OPENAPI_ANSWERS,
  },
};
