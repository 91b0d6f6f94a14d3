import { ServiceConfig } from '@concord/platform';

/** The settings of the funding service: the common ones, with its own default port. */
export class FundingConfig extends ServiceConfig {
  override HTTP_PORT = 3003;
}
