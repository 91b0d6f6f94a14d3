import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';
import { answersFile, answersFromSources, OPENAPI_DOCUMENTS } from '../../scripts/openapi';
import {
  createTestDatabase,
  dropTestDatabase,
  freePort,
  uniqueName,
} from '../support/infrastructure';
import { PROBE_SCRIPT } from '../support/probe';
import { ROOT, ServiceProcess } from '../support/service-process';
import { devToken } from '../support/tokens';
import { scriptOf } from '@concord/testing';

const committed = (service: string): OpenAPIObject =>
  JSON.parse(readFileSync(resolve(ROOT, `docs/openapi/${service}.json`), 'utf8')) as OpenAPIObject;

/** Starts `script` with a database of its own, runs `check` against it, then cleans up. */
async function withService(
  script: string,
  env: Record<string, string>,
  check: (service: ServiceProcess) => Promise<void>,
): Promise<void> {
  const databaseUrl = await createTestDatabase('openapi');
  const service = new ServiceProcess(script, {
    ...env,
    HTTP_PORT: String(await freePort()),
    DATABASE_URL: databaseUrl,
  });
  try {
    await service.startHealthy();
    await check(service);
  } finally {
    await service.stop();
    await dropTestDatabase(databaseUrl);
  }
}

describe('the committed OpenAPI documents', () => {
  it('cover every service in apps/', () => {
    expect(Object.keys(OPENAPI_DOCUMENTS).sort()).toEqual(
      readdirSync(resolve(ROOT, 'apps')).sort(),
    );
  });

  it.each(Object.keys(OPENAPI_DOCUMENTS))(
    "apps/%s/src/openapi-answers.generated.json is what its handlers' return types say today (npm run openapi)",
    async (service) => {
      const committedAnswers = JSON.parse(readFileSync(answersFile(service), 'utf8')) as unknown;
      expect(committedAnswers).toEqual(await answersFromSources(service));
    },
  );

  it.each(Object.keys(OPENAPI_DOCUMENTS))(
    'docs/openapi/%s.json is what its controllers generate today (npm run openapi)',
    async (service) => {
      const generated = await OPENAPI_DOCUMENTS[service]();
      expect(committed(service)).toEqual(JSON.parse(JSON.stringify(generated)));
    },
  );
});

describe('a running service', () => {
  it('with API_DOCS=off (the production default) serves neither /openapi.json nor /docs', async () => {
    await withService(scriptOf('insights'), { API_DOCS: 'off' }, async (insights) => {
      const token = await devToken('admin');
      for (const path of ['/openapi.json', '/docs']) {
        const response = await fetch(`${insights.url}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
      }
    });
  });

  it('serves the committed document at /openapi.json without a token', async () => {
    await withService(scriptOf('insights'), {}, async (insights) => {
      const response = await fetch(`${insights.url}/openapi.json`);
      expect(response.status).toBe(200);
      const served = (await response.json()) as OpenAPIObject;
      // Built from the live application, not the preview the script uses: they must agree.
      expect(served).toEqual(committed('insights'));
      expect(served.components?.securitySchemes?.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(served.security).toEqual([{ bearer: [] }]);
      expect(served.paths['/health'].get?.security).toEqual([]);
    });
  });

  it('lets anyone read its document and Swagger UI while its own routes still need a token', async () => {
    const env = {
      PROBE_ROLE: 'pinger',
      PROBE_TOPIC: uniqueName('concord.test.openapi'),
      PROBE_SERVICE: uniqueName('openapi-pinger'),
    };
    await withService(PROBE_SCRIPT, env, async (probe) => {
      const pings = await fetch(`${probe.url}/probe/pings`, { method: 'POST' });
      expect(pings.status).toBe(401);

      const document = await fetch(`${probe.url}/openapi.json`);
      expect(document.status).toBe(200);
      const { paths, components } = (await document.json()) as OpenAPIObject;
      expect(paths['/probe/pings'].post?.responses['401']).toBeDefined();
      expect(components?.schemas?.PublishPings).toMatchObject({
        properties: { count: { type: 'integer', minimum: 1, maximum: 1000 } },
      });

      const ui = await fetch(`${probe.url}/docs`);
      expect(ui.status).toBe(200);
      expect(ui.headers.get('content-type')).toContain('text/html');
      expect(await ui.text()).toContain('swagger-ui');
    });
  });
});
