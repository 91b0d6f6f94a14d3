import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';
import { AGREEMENTS_SERVICE } from '../apps/agreements/src';
import { CONSOLE_SERVICE } from '../apps/console/src';
import { FUNDING_SERVICE } from '../apps/funding/src';
import { INSIGHTS_SERVICE } from '../apps/insights/src';
import { NOTIFICATIONS_SERVICE } from '../apps/notifications/src';
import { REFERRALS_SERVICE } from '../apps/referrals/src';
import {
  buildOpenApiDocumentOffline,
  OpenApiAnswers,
  ServiceConfig,
  ServiceSpec,
} from '../libs/platform/src';
import { generateAnswers } from './openapi-answers';

/**
 * `npm run openapi`: writes, for every service, the schemas of its handlers' answers
 * (apps/<service>/src/openapi-answers.generated.json, from the types they return) and then
 * docs/openapi/<service>.json from its controllers, without a database or a broker. Tests fail
 * when either committed file is stale, and `npm run openapi:lint` checks every document.
 */
const SERVICE_SPECS: Record<string, ServiceSpec<ServiceConfig>> = {
  referrals: REFERRALS_SERVICE,
  agreements: AGREEMENTS_SERVICE,
  funding: FUNDING_SERVICE,
  notifications: NOTIFICATIONS_SERVICE,
  insights: INSIGHTS_SERVICE,
  console: CONSOLE_SERVICE,
} as unknown as Record<string, ServiceSpec<ServiceConfig>>;

/** The service's document, with the answers it was built with or with those given. */
const documentOf = (service: string, answers?: OpenApiAnswers): Promise<OpenAPIObject> => {
  const spec = SERVICE_SPECS[service];
  return buildOpenApiDocumentOffline(
    answers ? { ...spec, openApi: { ...spec.openApi, answers } } : spec,
  );
};

export const OPENAPI_DOCUMENTS: Record<string, () => Promise<OpenAPIObject>> = Object.fromEntries(
  Object.keys(SERVICE_SPECS).map((service) => [service, () => documentOf(service)]),
);

/** The repository: scripts/ from the sources (tests), dist/scripts/ once built. */
const root = existsSync(resolve(__dirname, '../package.json'))
  ? resolve(__dirname, '..')
  : resolve(__dirname, '../..');

/** The operation ids of a document, `Controller_method`. */
const operationIdsOf = (document: OpenAPIObject): Set<string> =>
  new Set(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).flatMap(({ operationId }) =>
        operationId ? [operationId] : [],
      ),
    ),
  );

/** What the service's handlers answer today, from their sources. */
export async function answersFromSources(service: string): Promise<OpenApiAnswers> {
  const operations = operationIdsOf(await documentOf(service, { operations: {}, schemas: {} }));
  return generateAnswers(root, service, operations);
}

export const answersFile = (service: string): string =>
  resolve(root, 'apps', service, 'src', 'openapi-answers.generated.json');

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

async function main(): Promise<void> {
  const directory = resolve(root, 'docs/openapi');
  mkdirSync(directory, { recursive: true });
  for (const service of Object.keys(SERVICE_SPECS)) {
    const answers = await answersFromSources(service);
    writeFileSync(answersFile(service), json(answers));
    const target = resolve(directory, `${service}.json`);
    writeFileSync(target, json(await documentOf(service, answers)));
    console.log(`wrote ${answersFile(service)} and ${target}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
