import { ServiceConfig } from '@concord/platform';

/** The settings of the insights service: the common ones, with its own default port. */
export class InsightsConfig extends ServiceConfig {
  override HTTP_PORT = 3005;
}
