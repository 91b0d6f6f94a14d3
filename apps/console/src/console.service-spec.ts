import { resolve } from 'node:path';
import { ServiceSpec } from '@concord/platform';
import OPENAPI_ANSWERS from './openapi-answers.generated.json';
import { ConsoleConfig } from './console.config';
import { ConsoleModule } from './console.module';

/** Paths that belong to the console's own API; every other page is the application's. */
export const CONSOLE_API_PREFIXES = [
  '/api',
  '/audit-records',
  '/auth',
  '/events',
  '/health',
  '/openapi.json',
  '/docs',
];

/** How the console starts; main.ts runs it and `npm run openapi` documents it. */
export const CONSOLE_SERVICE: ServiceSpec<ConsoleConfig> = {
  service: 'console',
  configClass: ConsoleConfig,
  module: ConsoleModule.forRoot,
  openApi: {
    title: 'Concord console',
    description:
      'The web console: sign-in, sessions, the five services called on behalf of the person signed in, and live updates.',
    answers: OPENAPI_ANSWERS,
  },
  largeBodies: (config) => [
    {
      path: '/api/agreements/hsds/import',
      limit: config.CONSOLE_IMPORT_BODY_LIMIT,
      setting: 'CONSOLE_IMPORT_BODY_LIMIT',
    },
  ],
  pages: (config) => ({
    root: resolve(config.CONSOLE_WEB_ROOT),
    apiPrefixes: CONSOLE_API_PREFIXES,
  }),
};
