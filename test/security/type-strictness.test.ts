import { randomUUID } from 'node:crypto';
import { Role } from '@concord/auth';
import { ConcordSystem } from '../support/concord-system';
import { query } from '../support/infrastructure';
import {
  documentedOperations,
  Operation,
  operationKey,
  resolveSchema,
  Schema,
  Service,
} from '../support/openapi';
import { devToken } from '../support/tokens';
import {
  RECORDS_JUDGED_BY_A_JOB,
  VALID_BODIES,
  VALIDATED_AS_A_WHOLE,
} from '../support/valid-bodies';

/**
 * Type strictness, driven by the committed OpenAPI documents: every object a request body holds
 * (documented or sent), every array item, every query and path parameter gets a value of the
 * wrong JSON type, bodies nest past the depth limit and carry prototype keys. Each answer must be
 * a 4xx whose message names the field, never a 5xx, and nothing of those bodies may be stored:
 * the services' tables are read back at the end.
 */

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every JSON type that is not an object, and an object missing what the schema requires. */
const IN_PLACE_OF_AN_OBJECT: ReadonlyArray<[string, unknown]> = [
  ['an array', []],
  ['an array of the object', 'SELF'],
  ['a string', 'text'],
  ['a number', 42],
  ['null', null],
  ['an empty object', {}],
];
const IN_PLACE_OF_AN_ITEM: ReadonlyArray<[string, unknown]> = [
  ['an empty object', {}],
  ['an object', { value: 1 }],
];
const DEPTH_LIMIT = 32;

interface Substitution {
  /** Dotted path of the value replaced, as a 400 names it ("" is the body itself). */
  path: string;
  what: string;
  body: unknown;
  /** Members an empty object lacks: naming one of them names the fault too. */
  required?: string[];
}

const setAt = (body: unknown, path: string[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(body)) {
    const copy = [...body];
    copy[Number(head)] = setAt(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: Json = { ...(body as Json) };
  copy[head] = setAt(copy[head], rest, value);
  return copy;
};

/**
 * The valid body with one value replaced, for every object position (objects in the body, and
 * object properties the schema documents that the body leaves out) and every array item.
 */
function substitutions(valid: Json, root: Schema, schemas: Record<string, Schema>): Substitution[] {
  const found: Substitution[] = [];
  const atObject = (path: string[], schema: Schema | undefined, current: unknown) => {
    const resolved = resolveSchema(schema, schemas);
    for (const [what, value] of IN_PLACE_OF_AN_OBJECT) {
      // An object whose members are all optional is a valid empty object.
      if (what === 'an empty object' && (resolved?.required ?? []).length === 0) continue;
      const replacement = value === 'SELF' ? [current ?? {}] : value;
      found.push({
        path: path.join('.'),
        what,
        body: setAt(valid, path, replacement),
        required:
          what === 'an empty object'
            ? resolved?.required?.map((name) => [...path, name].join('.'))
            : [],
      });
    }
  };
  const visit = (value: unknown, schema: Schema | undefined, path: string[]) => {
    const resolved = resolveSchema(schema, schemas);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemPath = [...path, String(index)];
        if (!isObject(item)) {
          for (const [what, substitute] of IN_PLACE_OF_AN_ITEM) {
            found.push({
              path: itemPath.join('.'),
              what,
              body: setAt(valid, itemPath, substitute),
            });
          }
        }
        visit(item, resolved?.items, itemPath);
      });
      return;
    }
    if (!isObject(value)) return;
    atObject(path, schema, value);
    for (const [name, item] of Object.entries(value)) {
      visit(item, resolved?.properties?.[name], [...path, name]);
    }
    for (const [name, property] of Object.entries(resolved?.properties ?? {})) {
      const documented = resolveSchema(property, schemas);
      const isObjectSchema = documented?.type === 'object' || documented?.properties;
      if (value[name] === undefined && isObjectSchema) atObject([...path, name], property, {});
    }
  };
  visit(valid, root, []);
  return found;
}

/** The paths of every object in `value`, the value itself included. */
function objectPaths(value: unknown, path: string[] = []): string[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => objectPaths(item, [...path, String(index)]));
  }
  if (!isObject(value)) return [];
  return [
    path,
    ...Object.entries(value).flatMap(([name, item]) => objectPaths(item, [...path, name])),
  ];
}

/** `levels` of alternating objects and arrays, as JSON text (JSON.stringify itself would overflow). */
const deeplyNested = (levels: number): string => {
  const opens: string[] = [];
  for (let level = 0; level < levels; level++) opens.push(level % 2 ? '[' : '{"deeper":');
  return `${opens.join('')}1${opens
    .map((open) => (open === '[' ? ']' : '}'))
    .reverse()
    .join('')}`;
};

/** Whether `message` names `path` (or, for "" the body), as a whole dotted word or its prefix. */
const names = (message: string, path: string): boolean =>
  new RegExp(
    `(^|[^\\w-])${(path || 'body').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w-])`,
  ).test(message);

const parentOf = (path: string): string => path.split('.').slice(0, -1).join('.');

/** The object validated as a whole that holds `path` (a fault inside it is named by it), if any. */
function wholeHolding(path: string): string | undefined {
  const parts = path.split('.');
  for (let length = parts.length - 1; length > 0; length--) {
    const prefix = parts.slice(0, length);
    if (VALIDATED_AS_A_WHOLE[prefix.filter((part) => !/^\d+$/.test(part)).join('.')]) {
      return prefix.join('.');
    }
  }
  return undefined;
}

/** Tables the write endpoints fill; each service under test starts with all of them empty. */
const WRITTEN_BY_REQUESTS: Record<Exclude<Service, 'insights'>, string[]> = {
  referrals: ['referrals', 'idempotency_keys', 'offers'],
  agreements: [
    'organizations',
    'organization_services',
    'initiatives',
    'initiative_partners',
    'agreements',
    'agreement_versions',
    'agreement_signatures',
    'surveys',
    'survey_answers',
  ],
  funding: ['funding_sources', 'budgets', 'ledger_entries'],
  notifications: ['subscriptions'],
};

interface Answer {
  status: number;
  messages: string[];
  text: string;
}

describe('type strictness of every request', () => {
  jest.setTimeout(300_000);
  const operations = documentedOperations();
  const withBody = operations.filter((operation) => operation.body);
  let system: ConcordSystem;
  const tokens: Partial<Record<Role, string>> = {};
  const roleOf = new Map<string, Role>();

  beforeAll(async () => {
    system = await ConcordSystem.start();
    tokens.admin = await devToken('admin');
    tokens.auditor = await devToken('auditor');
    tokens.dispatcher = await devToken('dispatcher', randomUUID());
    tokens.partner = await devToken('partner', randomUUID());
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  async function send(
    operation: Operation,
    body: string | undefined,
    options: { path?: string; search?: string; role?: Role } = {},
  ): Promise<Answer> {
    const path = options.path ?? operation.path.replace(/\{[^}]+\}/g, randomUUID());
    const role = options.role ?? roleOf.get(operationKey(operation)) ?? 'admin';
    const response = await fetch(
      `${system.processes[operation.service].url}${path}${options.search ?? ''}`,
      {
        method: operation.method,
        headers: {
          authorization: `Bearer ${tokens[role]}`,
          'content-type': 'application/json',
          'idempotency-key': randomUUID(),
        },
        body,
      },
    );
    const text = await response.text();
    let messages: string[];
    try {
      const parsed = JSON.parse(text) as { message?: unknown };
      messages = ([] as unknown[]).concat(parsed.message ?? []).map(String);
    } catch {
      messages = [text];
    }
    return { status: response.status, messages, text };
  }

  /**
   * How the job a request started ended: a record the job cannot take is reported in it, so the
   * job itself still succeeds.
   */
  async function jobOutcome(operation: Operation, answer: Answer): Promise<string> {
    if (answer.status !== 202) return `${answer.status} ${answer.text.slice(0, 300)}`;
    const { id } = JSON.parse(answer.text) as { id: string };
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await fetch(
        `${system.processes[operation.service].url}/hsds/import-jobs/${id}`,
        { headers: { authorization: `Bearer ${tokens.admin}` } },
      );
      const job = (await response.json()) as { status: string; error: string | null };
      if (job.status !== 'running') return job.error ? `${job.status}: ${job.error}` : job.status;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return 'still running after 10 s';
  }

  /** The first role the route lets past its guard, so that the input reaches validation. */
  async function permittedRole(operation: Operation): Promise<Role> {
    for (const role of ['admin', 'dispatcher', 'partner', 'auditor'] as Role[]) {
      const answer = await send(operation, operation.body ? '{}' : undefined, { role });
      if (answer.status !== 403) return role;
    }
    return 'admin';
  }

  beforeAll(async () => {
    for (const operation of operations) {
      roleOf.set(operationKey(operation), await permittedRole(operation));
    }
  }, 180_000);

  it('every write endpoint with a body has a valid example to vary', () => {
    expect(withBody.map(operationKey).filter((key) => !VALID_BODIES[key])).toEqual([]);
  });

  it.each(withBody.map((operation) => [operationKey(operation), operation] as const))(
    '%s refuses, naming the field, every wrong JSON type in place of an object or an array item',
    async (key, operation) => {
      const cases = substitutions(
        VALID_BODIES[key] ?? {},
        operation.body as Schema,
        operation.schemas,
      );
      expect(cases.length).toBeGreaterThan(0);
      const wrong: string[] = [];
      for (const substitution of cases) {
        const answer = await send(operation, JSON.stringify(substitution.body));
        const records = substitution.path.split('.')[0];
        if (RECORDS_JUDGED_BY_A_JOB[`${key} ${records}`] && substitution.path !== records) {
          const outcome = await jobOutcome(operation, answer);
          if (outcome !== 'succeeded') {
            wrong.push(`${substitution.what} at ${substitution.path} → ${outcome}`);
          }
          continue;
        }
        const named = answer.messages.some(
          (message) =>
            names(message, substitution.path) ||
            (substitution.required ?? []).some((member) => names(message, member)) ||
            names(message, wholeHolding(substitution.path) ?? '\u0000') ||
            (/\.\d+$/.test(substitution.path) && names(message, parentOf(substitution.path))),
        );
        if (answer.status < 400 || answer.status >= 500 || !named) {
          wrong.push(
            `${substitution.what} at ${substitution.path || 'body'} → ${answer.status} ${answer.text.slice(0, 300)}`,
          );
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(withBody.map((operation) => [operationKey(operation), operation] as const))(
    '%s refuses a body nested past the depth limit with a 400 naming the limit',
    async (key, operation) => {
      const answers: string[] = [];
      for (const levels of [DEPTH_LIMIT + 1, 1_500, 2_600, 10_000]) {
        const body = JSON.stringify(VALID_BODIES[key]).replace(
          /}$/,
          `,"zzdeep":${deeplyNested(levels)}}`,
        );
        const answer = await send(operation, body);
        answers.push(`${levels}: ${answer.status} ${answer.messages.join('; ')}`);
      }
      expect(answers).toEqual(
        [DEPTH_LIMIT + 1, 1_500, 2_600, 10_000].map(
          (levels) =>
            `${levels}: 400 body must not nest objects and arrays deeper than ${DEPTH_LIMIT} levels`,
        ),
      );
    },
  );

  it.each(withBody.map((operation) => [operationKey(operation), operation] as const))(
    '%s refuses a prototype key in any object of its body, naming the key',
    async (key, operation) => {
      const wrong: string[] = [];
      for (const path of objectPaths(VALID_BODIES[key])) {
        for (const prototypeKey of ['__proto__', 'constructor', 'prototype']) {
          const polluted = structuredClone(VALID_BODIES[key]) as Json;
          const target = path.reduce<unknown>((value, part) => (value as Json)[part], polluted);
          Object.defineProperty(target, prototypeKey, {
            value: { polluted: true },
            enumerable: true,
          });
          const answer = await send(operation, JSON.stringify(polluted));
          if (answer.status !== 400 || !answer.messages.some((m) => m.includes(prototypeKey))) {
            wrong.push(
              `${prototypeKey} at ${path.join('.') || 'body'} → ${answer.status} ${answer.text}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it.each(
    operations
      .filter((operation) => operation.parameters.some((p) => p.in === 'query' || p.in === 'path'))
      .map((operation) => [operationKey(operation), operation] as const),
  )(
    '%s refuses, naming the parameter, an array, an object or a JSON literal in place of each query and path parameter',
    async (_key, operation) => {
      const wrong: string[] = [];
      for (const parameter of operation.parameters) {
        const encoded = encodeURIComponent(parameter.name);
        const attempts: Array<[string, { path?: string; search?: string }]> =
          parameter.in === 'query'
            ? [
                ['an array', { search: `?${encoded}=a&${encoded}=b` }],
                ['an object', { search: `?${encoded}[key]=a` }],
                ['a JSON object', { search: `?${encoded}=${encodeURIComponent('{"a":1}')}` }],
                ['null', { search: `?${encoded}=null` }],
              ]
            : ['[]', '{}', 'null', '42', '[{"a":1}]'].map((literal) => [
                literal,
                {
                  path: operation.path
                    .replace(`{${parameter.name}}`, encodeURIComponent(literal))
                    .replace(/\{[^}]+\}/g, randomUUID()),
                },
              ]);
        for (const [what, request] of attempts) {
          const answer = await send(
            operation,
            operation.body ? JSON.stringify(VALID_BODIES[operationKey(operation)]) : undefined,
            request,
          );
          // A list that may take the parameter more than once, or a free-text one, may accept it.
          if (answer.status < 300 && parameter.in === 'query' && what !== 'an object') continue;
          const named = answer.messages.some(
            (message) =>
              names(message, parameter.name) ||
              (parameter.in === 'query' && names(message, `${parameter.name}[key]`)) ||
              (parameter.in === 'path' && names(message, 'path')),
          );
          if (answer.status < 400 || answer.status >= 500 || !named) {
            wrong.push(
              `${what} as ${parameter.name} → ${answer.status} ${answer.text.slice(0, 300)}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    },
  );

  it('stores nothing of any refused body (every table the write endpoints fill is still empty)', async () => {
    const counts: Record<string, number> = {};
    for (const [service, tables] of Object.entries(WRITTEN_BY_REQUESTS)) {
      const url = system.processes[service as Service].env.DATABASE_URL as string;
      for (const table of tables) {
        const [row] = await query<{ count: string }>(url, `SELECT count(*) FROM ${table}`);
        counts[`${service}.${table}`] = Number(row?.count);
      }
    }
    expect(Object.entries(counts).filter(([, count]) => count > 0)).toEqual([]);
    expect(Object.keys(counts).length).toBeGreaterThan(10);
  });

  it('leaves every service alive', () => {
    expect(Object.values(system.processes).map((process) => process.exitCode)).toEqual(
      Object.values(system.processes).map(() => null),
    );
  });
});
