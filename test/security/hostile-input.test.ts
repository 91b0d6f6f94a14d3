import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Role } from '@concord/auth';
import { ConcordSystem } from '../support/concord-system';
import { documentedOperations, fieldNames, Operation, Schema } from '../support/openapi';
import { ServiceProcess } from '../support/service-process';
import { devToken } from '../support/tokens';
import { unnamedRejection } from './named-rejection';

/**
 * Hostile input against every endpoint of every service: each operation in the committed OpenAPI
 * documents (so a new endpoint is covered without touching this file) gets arbitrary malformed
 * bodies, query strings, path parameters and headers. No answer may be a 5xx, no service may
 * die, and every 4xx must name the field and the rule (see named-rejection.ts).
 *
 * HOSTILE_RUNS sets the runs per endpoint (default 40: about 2,000 requests in all);
 * HOSTILE_SEED replays a failure (fast-check prints the seed and path of every counterexample).
 */
const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);
const SEED = Number(process.env.HOSTILE_SEED ?? Date.now() % 2 ** 31);

const SERVICES = ['referrals', 'agreements', 'funding', 'notifications', 'insights'] as const;

const HUGE_NUMBERS = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 1e-320, 0.1, -1];
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff lonely',
  '😀'.repeat(50),
  'x'.repeat(20_000),
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '{{7*7}}',
  '\u202e\u200b\ufeff',
  'null',
  'NaN',
];

/** Junk of any JSON shape, weighted toward the values that break parsers and validators. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom<unknown>(...HUGE_NUMBERS, ...NASTY_STRINGS, null, true, [], {}),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Values shaped like `schema` that are often wrong in one place (type, range, enum, extra key). */
function shaped(
  schema: Schema | undefined,
  schemas: Record<string, Schema>,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return junk;
  if (schema.$ref) return shaped(schemas[schema.$ref.split('/').pop() ?? ''], schemas, depth + 1);
  let good: fc.Arbitrary<unknown>;
  if (schema.enum) good = fc.constantFrom(...schema.enum);
  else if (schema.type === 'object' || schema.properties) {
    const properties = Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, property]) => [
        name,
        shaped(property, schemas, depth + 1),
      ]),
    );
    good = fc.record(properties, { requiredKeys: [] }).chain((value) =>
      fc
        .option(fc.tuple(fc.constantFrom('extra', 'constructor', '__proto__', '0', ''), junk), {
          freq: 4,
        })
        .map((extra) => {
          if (!extra) return value;
          const copy: Record<string, unknown> = { ...value };
          Object.defineProperty(copy, extra[0], { value: extra[1], enumerable: true });
          return copy;
        }),
    );
  } else if (schema.type === 'array')
    good = fc.array(shaped(schema.items, schemas, depth + 1), { maxLength: 3 });
  else if (schema.type === 'integer' || schema.type === 'number') {
    good = fc.oneof(
      fc.integer({ min: schema.minimum ?? -10, max: schema.maximum ?? 1_000_000 }),
      fc.double(),
    );
  } else if (schema.format === 'uuid') good = fc.uuid();
  else if (schema.format === 'date-time' || schema.format === 'date') {
    good = fc.date({ noInvalidDate: true }).map((date) => date.toISOString());
  } else if (schema.type === 'boolean') good = fc.boolean();
  else good = fc.string({ maxLength: 30 });
  return fc.oneof({ weight: 4, arbitrary: good }, { weight: 1, arbitrary: junk });
}

/** A body as sent on the wire: shaped JSON, broken JSON text, deep nesting or prototype keys. */
function bodyText(operation: Operation): fc.Arbitrary<string | undefined> {
  const json = shaped(operation.body ?? { type: 'object' }, operation.schemas).map((value) =>
    JSON.stringify(value),
  );
  return fc.oneof(
    { weight: 6, arbitrary: json },
    {
      weight: 1,
      arbitrary: json.map((text) => (text ?? '{}').slice(0, Math.max(1, (text ?? '').length - 1))),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{"__proto__":{"isAdmin":true}}',
        '{"constructor":{"prototype":{"polluted":1}}}',
        `${'['.repeat(3000)}${']'.repeat(3000)}`,
        `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
        '{"a":1e999999}',
        '{"a":"\\ud800"}',
        '{"a":"\\u0000"}',
        'null',
        '',
      ),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const pathValue = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    'not-a-uuid',
    '0',
    '-1',
    '%00',
    '%E0%A4%A',
    '..',
    'null',
    '00000000-0000-0000-0000-000000000000',
    'x'.repeat(2000),
  ),
  fc.string({ unit: 'binary', maxLength: 40 }).map(encodeURIComponent),
);

const queryValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '',
    '1',
    '0',
    '-1',
    '1.5',
    '1e400',
    '99999999999999999999',
    'true',
    '[]',
    '{}',
    '\u0000',
  ),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
);

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
});

interface HostileRequest {
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body: string | undefined;
  pathValues: string[];
}

function hostileRequest(operation: Operation): fc.Arbitrary<HostileRequest> {
  const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const queryNames = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  return fc
    .record({
      pathValues: fc.tuple(...pathNames.map(() => pathValue)),
      query: fc.array(
        fc.tuple(
          queryNames.length > 0
            ? fc.oneof(
                { weight: 4, arbitrary: fc.constantFrom(...queryNames) },
                { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
              )
            : fc.string({ maxLength: 10 }),
          queryValue,
        ),
        { maxLength: 4 },
      ),
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        'multipart/form-data; boundary=x',
        'garbage/\u00ff',
      ),
      idempotencyKey: fc.option(fc.oneof(printable, fc.constant('k'.repeat(300))), { freq: 3 }),
      correlationId: fc.option(printable, { freq: 3 }),
      extraHeader: fc.option(
        fc.tuple(
          fc.constantFrom(
            'accept',
            'accept-language',
            'x-forwarded-for',
            'content-encoding',
            'x-huge',
          ),
          fc.oneof(printable, fc.constant('h'.repeat(20_000))),
        ),
        { freq: 3 },
      ),
      body:
        operation.method === 'GET' || operation.method === 'DELETE'
          ? fc.constant(undefined)
          : bodyText(operation),
    })
    .map(({ pathValues, query, contentType, idempotencyKey, correlationId, extraHeader, body }) => {
      let path = operation.path;
      pathNames.forEach(
        (name, index) => (path = path.replace(`{${name}}`, pathValues[index] as string)),
      );
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = contentType;
      if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
      if (correlationId !== null) headers['x-correlation-id'] = correlationId;
      if (extraHeader !== null) headers[extraHeader[0]] = extraHeader[1];
      return { path, query, headers, body, pathValues: pathValues as string[] };
    });
}

/** The query and body keys a request sent, at any depth, bare and quoted as JSON. */
function sentNames(request: HostileRequest): string[] {
  const keys = request.query.map(([key]) => key);
  const collect = (value: unknown, path: string): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      keys.push(key, field);
      collect(item, field);
    }
  };
  try {
    collect(JSON.parse(request.body ?? 'null'), '');
  } catch {
    // not JSON: only its query keys can be named
  }
  return [...keys, ...keys.map((key) => JSON.stringify(key))];
}

interface Answer {
  status: number;
  text: string;
}

async function send(
  service: ServiceProcess,
  method: string,
  token: string,
  request: HostileRequest,
): Promise<Answer | undefined> {
  const search = new URLSearchParams(request.query).toString();
  let response: Response;
  try {
    response = await fetch(`${service.url}${request.path}${search ? `?${search}` : ''}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...request.headers },
      body: request.body,
    });
  } catch (error) {
    // The client itself would not send it (fetch refuses some header values): nothing to judge.
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause?.code === 'UND_ERR_INVALID_ARG' && service.exitCode === null) return undefined;
    throw error;
  }
  return { status: response.status, text: await response.text() };
}

describe('hostile input to every endpoint', () => {
  let system: ConcordSystem;
  const tokens: Partial<Record<Role, string>> = {};
  const operations = documentedOperations();

  beforeAll(async () => {
    system = await ConcordSystem.start({
      env: Object.fromEntries(
        SERVICES.map((service) => [service, { RATE_LIMIT_PER_MINUTE: '1000000' }]),
      ),
    });
    tokens.admin = await devToken('admin');
    tokens.auditor = await devToken('auditor');
    tokens.dispatcher = await devToken('dispatcher', randomUUID());
    tokens.partner = await devToken('partner', randomUUID());
    console.log(
      `hostile input: seed ${SEED}, ${RUNS} runs per endpoint, ${operations.length} endpoints`,
    );
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('covers every documented endpoint of every service', () => {
    expect(new Set(operations.map((operation) => operation.service))).toEqual(new Set(SERVICES));
  });

  /** The first role the endpoint does not refuse outright, so the input reaches validation. */
  async function roleFor(operation: Operation, service: ServiceProcess): Promise<string> {
    for (const role of ['admin', 'dispatcher', 'partner', 'auditor'] as const) {
      const path = operation.path.replace(/\{[^}]+\}/g, randomUUID());
      const answer = await fetch(`${service.url}${path}`, {
        method: operation.method,
        headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
        body: operation.method === 'GET' || operation.method === 'DELETE' ? undefined : '{}',
      });
      await answer.text();
      if (answer.status !== 403) return tokens[role] as string;
    }
    return tokens.admin as string;
  }

  it.each(
    documentedOperations().map(
      (operation) =>
        [`${operation.method} ${operation.service}${operation.path}`, operation] as const,
    ),
  )(
    '%s answers malformed requests with a named 4xx, never a 5xx',
    async (_name, operation) => {
      const service = system.processes[operation.service];
      const token = await roleFor(operation, service);
      const names = [
        ...fieldNames(operation.body, operation.schemas),
        ...operation.parameters.map((parameter) => parameter.name),
        'Content-Type',
        'Content-Encoding',
        'Idempotency-Key',
        'X-Correlation-Id',
      ];
      await fc.assert(
        fc.asyncProperty(hostileRequest(operation), async (request) => {
          const answer = await send(service, operation.method, token, request);
          if (!answer) return;
          if (answer.status >= 500) {
            throw new Error(
              `${answer.status}: ${answer.text.slice(0, 300)}\n${service.output.slice(-2000)}`,
            );
          }
          if (answer.status >= 400) {
            let body: unknown;
            try {
              body = JSON.parse(answer.text);
            } catch {
              body = answer.text;
            }
            const problem = unnamedRejection(body, {
              names: [...names, ...sentNames(request)],
              values: request.pathValues.map((value) => {
                try {
                  return decodeURIComponent(value);
                } catch {
                  return value;
                }
              }),
            });
            if (problem)
              throw new Error(
                `${answer.status} does not name the field and the rule: ${problem}\n${answer.text.slice(0, 500)}`,
              );
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      expect(service.exitCode).toBeNull();
    },
    300_000,
  );

  it('leaves every service alive and healthy', async () => {
    const statuses = await Promise.all(
      SERVICES.map(
        async (service) => (await fetch(`${system.processes[service].url}/health`)).status,
      ),
    );
    expect(statuses).toEqual(SERVICES.map(() => 200));
  });
});
