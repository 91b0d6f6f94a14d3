import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const ROOT = resolve(__dirname, '../..');
const DOCUMENTS = resolve(ROOT, 'docs/openapi');
const documentFiles = readdirSync(DOCUMENTS).filter((file) => file.endsWith('.json'));

/** `redocly lint` with the project's ruleset (redocly.yaml), as `npm run openapi:lint` runs it. */
function lint(...files: string[]): { status: number | null; output: string } {
  const run = spawnSync(
    resolve(ROOT, 'node_modules/.bin/redocly'),
    ['lint', '--config', 'redocly.yaml', '--format=summary', ...files],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    },
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

type Schema = Record<string, unknown>;

/** Every schema object in a document, at any depth, with where it is. */
function schemasIn(node: unknown, where: string): { where: string; schema: Schema }[] {
  if (Array.isArray(node))
    return node.flatMap((item, index) => schemasIn(item, `${where}/${index}`));
  if (typeof node !== 'object' || node === null) return [];
  const own = 'type' in node || 'properties' in node ? [{ where, schema: node as Schema }] : [];
  return own.concat(
    Object.entries(node).flatMap(([key, value]) => schemasIn(value, `${where}/${key}`)),
  );
}

describe('the OpenAPI documents (docs/openapi)', () => {
  jest.setTimeout(60_000);

  it('pass redocly lint with the project ruleset', () => {
    const { status, output } = lint(...documentFiles.map((file) => `docs/openapi/${file}`));
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('valid') });
  });

  it('the ruleset rejects a document whose answers say nothing of their bodies', () => {
    const { status, output } = lint('test/contracts/fixtures/undescribed-answer.json');
    expect(status).not.toBe(0);
    expect(output).toContain('rule/success-answer-has-a-body');
    expect(output).toContain('rule/error-answer-has-a-body');
  });

  it.each(documentFiles)(
    '%s: every object schema says whether it is closed and requires only fields it has',
    (file) => {
      const document = JSON.parse(readFileSync(resolve(DOCUMENTS, file), 'utf8')) as Schema;
      const open: string[] = [];
      for (const { where, schema } of schemasIn(document, '#')) {
        const properties = schema.properties as Schema | undefined;
        if (schema.type === 'object' && properties && !('additionalProperties' in schema)) {
          open.push(`${where}: additionalProperties is not said`);
        }
        for (const field of (schema.required as string[] | undefined) ?? []) {
          if (properties && !(field in properties))
            open.push(`${where}: requires ${field}, which it has not`);
        }
      }
      expect(open).toEqual([]);
    },
  );

  it.each(documentFiles)('%s: every request example satisfies its request schema', (file) => {
    const document = JSON.parse(readFileSync(resolve(DOCUMENTS, file), 'utf8')) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, Schema> } }>>;
      components?: Schema;
    };
    const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
    const broken: string[] = [];
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const json = operation.requestBody?.content['application/json'];
        const examples = (json?.examples ?? {}) as Record<string, { value: unknown }>;
        if (!json) continue;
        const validate = ajv.compile({
          ...(json.schema as Schema),
          components: document.components,
        });
        for (const [name, { value }] of Object.entries(examples)) {
          if (!validate(value)) {
            broken.push(
              `${method.toUpperCase()} ${path} ${name}: ${ajv.errorsText(validate.errors)}`,
            );
          }
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('show examples of the main requests', () => {
    const examplesOf = (file: string) =>
      (readFileSync(resolve(DOCUMENTS, file), 'utf8').match(/"examples"/g) ?? []).length;
    expect({
      referrals: examplesOf('referrals.json') >= 4,
      agreements: examplesOf('agreements.json') >= 6,
      funding: examplesOf('funding.json') >= 3,
      notifications: examplesOf('notifications.json') >= 1,
    }).toEqual({ referrals: true, agreements: true, funding: true, notifications: true });
  });
});
