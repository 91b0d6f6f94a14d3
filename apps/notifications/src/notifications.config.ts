import { ServiceConfig } from '@concord/platform';

/** The settings of the notifications service: the common ones, with its own default port. */
export class NotificationsConfig extends ServiceConfig {
  override HTTP_PORT = 3004;
}
