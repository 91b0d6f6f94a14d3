import { ServiceConfig } from '@concord/platform';

/** The settings of the agreements service: the common ones, with its own default port. */
export class AgreementsConfig extends ServiceConfig {
  override HTTP_PORT = 3002;
}
