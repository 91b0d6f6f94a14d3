import { ServiceSpec } from '@concord/platform';
import OPENAPI_ANSWERS from './openapi-answers.generated.json';
import { ReferralsConfig } from './referrals.config';
import { ReferralsModule } from './referrals.module';

/** How the referrals service starts; main.ts runs it and `npm run openapi` documents it. */
export const REFERRALS_SERVICE: ServiceSpec<ReferralsConfig> = {
  service: 'referrals',
  configClass: ReferralsConfig,
  module: ReferralsModule.forRoot,
  openApi: {
    title: 'Concord referrals',
    description:
      "Referrals from dispatch (idempotent intake), the assignment engine's decisions and each partner's referral queue.",
    answers: OPENAPI_ANSWERS,
  },
};
