import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';
import { AGREEMENTS_SERVICE } from '../apps/agreements/src';
import { CONSOLE_SERVICE } from '../apps/console/src';
import { FUNDING_SERVICE } from '../apps/funding/src';
import { INSIGHTS_SERVICE } from '../apps/insights/src';
import { NOTIFICATIONS_SERVICE } from '../apps/notifications/src';
import { REFERRALS_SERVICE } from '../apps/referrals/src';
import { buildOpenApiDocumentOffline, ServiceConfig, ServiceSpec } from '../libs/platform/src';

/**
 * `npm run openapi`: writes docs/openapi/<service>.json for every service from its controllers,
 * without a database or a broker; a test fails when a committed document is stale.
 */
const offline =
  <C extends ServiceConfig>(spec: ServiceSpec<C>) =>
  (): Promise<OpenAPIObject> =>
    buildOpenApiDocumentOffline(spec);

export const OPENAPI_DOCUMENTS: Record<string, () => Promise<OpenAPIObject>> = {
  referrals: offline(REFERRALS_SERVICE),
  agreements: offline(AGREEMENTS_SERVICE),
  funding: offline(FUNDING_SERVICE),
  notifications: offline(NOTIFICATIONS_SERVICE),
  insights: offline(INSIGHTS_SERVICE),
  console: offline(CONSOLE_SERVICE),
};

const root = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const directory = resolve(root, 'docs/openapi');
  mkdirSync(directory, { recursive: true });
  for (const [service, build] of Object.entries(OPENAPI_DOCUMENTS)) {
    const target = resolve(directory, `${service}.json`);
    writeFileSync(target, `${JSON.stringify(await build(), null, 2)}\n`);
    console.log(`wrote ${target}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
