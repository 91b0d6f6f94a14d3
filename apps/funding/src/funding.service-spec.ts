import { ServiceSpec } from '@concord/platform';
import OPENAPI_ANSWERS from './openapi-answers.generated.json';
import { FundingConfig } from './funding.config';
import { FundingModule } from './funding.module';

/** How the funding service starts; main.ts runs it and `npm run openapi` documents it. */
export const FUNDING_SERVICE: ServiceSpec<FundingConfig> = {
  service: 'funding',
  configClass: FundingConfig,
  module: FundingModule.forRoot,
  openApi: {
    title: 'Concord funding',
    description:
      'Funding sources, budgets per initiative, partner and category, and the append-only ledger.',
    answers: OPENAPI_ANSWERS,
  },
};
