import { ServiceConfig } from '@concord/platform';

/** The settings of the referrals service: the common ones, with its own default port. */
export class ReferralsConfig extends ServiceConfig {
  override HTTP_PORT = 3001;
}
