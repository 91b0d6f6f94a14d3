import { ServiceSpec } from '@concord/platform';
import OPENAPI_ANSWERS from './openapi-answers.generated.json';
import { InsightsConfig } from './insights.config';
import { InsightsModule } from './insights.module';

/** How the insights service starts; main.ts runs it and `npm run openapi` documents it. */
export const INSIGHTS_SERVICE: ServiceSpec<InsightsConfig> = {
  service: 'insights',
  configClass: InsightsConfig,
  module: InsightsModule.forRoot,
  openApi: {
    title: 'Concord insights',
    description: 'KPIs and the cross-service timeline of each referral, built from every event.',
    answers: OPENAPI_ANSWERS,
  },
};
