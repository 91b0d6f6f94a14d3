import { ServiceSpec } from '@concord/platform';
import OPENAPI_ANSWERS from './openapi-answers.generated.json';
import { AgreementsConfig } from './agreements.config';
import { AgreementsModule } from './agreements.module';
import { PUBLIC_SURVEY_ROUTES, SURVEY_FORM_POSTS } from './feedback/survey-form.controller';

/** How the agreements service starts; main.ts runs it and `npm run openapi` documents it. */
export const AGREEMENTS_SERVICE: ServiceSpec<AgreementsConfig> = {
  service: 'agreements',
  configClass: AgreementsConfig,
  module: AgreementsModule.forRoot,
  openApi: {
    title: 'Concord agreements',
    description:
      'Partner organisations and their services, joint initiatives and agreements (MOUs).',
    answers: OPENAPI_ANSWERS,
  },
  largeBodies: (config) => [
    {
      path: '/hsds/import',
      limit: config.HSDS_IMPORT_BODY_LIMIT,
      setting: 'HSDS_IMPORT_BODY_LIMIT',
    },
  ],
  anonymousRoutes: PUBLIC_SURVEY_ROUTES,
  formRoutes: SURVEY_FORM_POSTS,
};
