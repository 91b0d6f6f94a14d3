import { randomUUID } from 'node:crypto';
import { Role } from '@concord/auth';
import { ConcordSystem } from '../support/concord-system';
import {
  documentedOperations,
  fieldPaths,
  Operation,
  operationKey,
  Schema,
  Service,
} from '../support/openapi';
import { devToken } from '../support/tokens';
import { VALID_BODIES, VALIDATED_AS_A_WHOLE } from '../support/valid-bodies';

/**
 * Mass assignment (OWASP API3:2023, broken object property level authorisation): no request body
 * can set what the server owns. Every write endpoint of the committed OpenAPI documents gets a
 * valid body with server-owned properties added at every level the body has, and must refuse each
 * of them by name; nothing in a documented request declares one, bar the references listed below.
 */

/** Properties only the server sets: identity, state, bookkeeping, and who did what. */
const SERVER_OWNED = [
  'id',
  'status',
  'createdAt',
  'updatedAt',
  'version',
  'organizationId',
  'agencyId',
  'partnerId',
  'submittedBy',
  'recordedBy',
  'signedAt',
  'attempt',
  'reservedCents',
  'chargedCents',
  'role',
];

/** Server-owned names a request does declare, because there they are the caller's choice. */
const DECLARED_ON_PURPOSE: Record<string, string> = {
  'POST /agreements partnerId': 'the admin chooses the partner the agreement is with',
  'POST /budgets partnerId': 'the admin chooses the partner the budget pays',
  'POST /activities/{id}/participation organizationId':
    'the admin names the taking-part organisation it confirms for (a partner confirms its own)',
  'PUT /activities/{id}/attendance attendance.organizationId':
    'a reference to an organisation taking part, whose head count this is',
  'POST /organizations services.id':
    'a reference to an existing service of this organisation (refused on create)',
  'PUT /organizations/{id} services.id':
    'a reference to an existing service of this organisation; any other id is refused',
};

/**
 * Bodies that are a standard's document, whose members the standard leaves open: the server-owned
 * names mean nothing there, and what Concord validates strictly inside them has its own test.
 */
const STANDARD_DOCUMENTS: Record<string, string> = {
  'POST /referrals/eido':
    'an EIDO document, whose schema allows members it does not define; its Concord extension object refuses unknown fields (test/interop/eido-intake.test.ts)',
};

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `body` with every server-owned property the schema does not declare added to each object in it
 * that the schema describes field by field (free-form objects are left alone), and the dotted
 * paths of what was added, as the 400 names them (array positions included).
 */
function withServerOwned(body: Json, declared: ReadonlySet<string>): [Json, string[]] {
  const added: string[] = [];
  const visit = (value: unknown, path: string, schemaPath: string): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, index) => visit(item, `${path}${index}.`, schemaPath));
    }
    if (!isObject(value)) return value;
    const copy: Json = {};
    for (const [name, item] of Object.entries(value)) {
      copy[name] = visit(item, `${path}${name}.`, `${schemaPath}${name}.`);
    }
    const describedFieldByField =
      [...declared].some((field) => field.startsWith(schemaPath)) &&
      !VALIDATED_AS_A_WHOLE[schemaPath.slice(0, -1)];
    if (!describedFieldByField) return copy;
    for (const name of SERVER_OWNED.filter((name) => !declared.has(`${schemaPath}${name}`))) {
      copy[name] = name.endsWith('Cents') || name === 'attempt' ? 1 : randomUUID();
      added.push(`${path}${name}`);
    }
    return copy;
  };
  return [visit(body, '', '') as Json, added];
}

const refused = (field: string) =>
  `property ${JSON.stringify(field)} must not be sent: it is not a field of this request`;

describe('mass assignment', () => {
  jest.setTimeout(300_000);
  const writes = documentedOperations().filter(({ method }) => method !== 'GET');
  const withBody = writes.filter((operation) => operation.body);
  const declaredFields = (operation: Operation) =>
    new Set(fieldPaths(operation.body as Schema, operation.schemas));

  let system: ConcordSystem;

  beforeAll(async () => {
    system = await ConcordSystem.start({
      services: ['referrals', 'agreements', 'funding', 'notifications'],
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  /** The answer of the first role (admin, dispatcher, partner) the route lets past its guard. */
  async function sendAsPermittedRole(
    operation: Operation,
    body: unknown,
  ): Promise<{ role: Role; status: number; body: Json }> {
    const url = operation.path.replace('{id}', randomUUID());
    let last = { role: 'admin' as Role, status: 0, body: {} as Json };
    for (const role of ['admin', 'dispatcher', 'partner'] as Role[]) {
      const token = await devToken(role, role === 'admin' ? undefined : randomUUID());
      const response = await fetch(`${system.processes[operation.service as Service].url}${url}`, {
        method: operation.method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      last = { role, status: response.status, body: (await response.json()) as Json };
      if (response.status !== 403) return last;
    }
    return last;
  }

  it('every write endpoint with a body has a valid example (a new one fails until given one)', () => {
    expect(withBody.map(operationKey).filter((key) => !VALID_BODIES[key])).toEqual([]);
    expect(withBody.length).toBeGreaterThan(15);
  });

  it('no documented request declares a server-owned property, bar the references listed', () => {
    const declared = withBody.flatMap((operation) =>
      [...declaredFields(operation)]
        .filter((path) => SERVER_OWNED.includes(path.split('.').pop() ?? ''))
        .map((path) => `${operationKey(operation)} ${path}`),
    );
    expect(declared.sort()).toEqual(Object.keys(DECLARED_ON_PURPOSE).sort());
  });

  it('every write endpoint refuses, by name, each server-owned property at every level of its body', async () => {
    const wrong: string[] = [];
    for (const operation of withBody.filter((op) => !STANDARD_DOCUMENTS[operationKey(op)])) {
      const [body, added] = withServerOwned(
        VALID_BODIES[operationKey(operation)],
        declaredFields(operation),
      );
      const answer = await sendAsPermittedRole(operation, body);
      const messages = ([] as unknown[]).concat(answer.body.message).map(String).sort();
      const expected = added.map(refused).sort();
      if (answer.status !== 400 || JSON.stringify(messages) !== JSON.stringify(expected)) {
        wrong.push(
          `${operationKey(operation)} as ${answer.role} → ${answer.status} ${JSON.stringify(messages)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a valid body alone passes validation on every write endpoint (the refusals above are not for other faults)', async () => {
    const wrong: string[] = [];
    for (const operation of withBody) {
      const answer = await sendAsPermittedRole(operation, VALID_BODIES[operationKey(operation)]);
      if (answer.status === 400 || answer.status >= 500) {
        wrong.push(
          `${operationKey(operation)} as ${answer.role} → ${answer.status} ${JSON.stringify(answer.body)}`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a consent override records the token subject as recordedBy, never the body', async () => {
    const submit = documentedOperations().find(
      (operation) => operationKey(operation) === 'POST /referrals',
    ) as Operation;
    const agency = randomUUID();
    const token = await devToken('dispatcher', agency);
    const referrals = system.processes.referrals.url;
    const request = VALID_BODIES[operationKey(submit)] as { consent: { override: Json } };
    const forged = {
      ...request,
      consent: { ...request.consent, override: { ...request.consent.override, recordedBy: 'x' } },
    };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    const refusedAnswer = await fetch(`${referrals}/referrals`, {
      method: 'POST',
      headers,
      body: JSON.stringify(forged),
    });
    expect(refusedAnswer.status).toBe(400);
    expect(((await refusedAnswer.json()) as Json).message).toEqual([
      refused('consent.override.recordedBy'),
    ]);

    const created = await fetch(`${referrals}/referrals`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body: JSON.stringify(request),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = (await (await fetch(`${referrals}/referrals/${id}`, { headers })).json()) as {
      consent: { override: Json };
    };
    expect(view.consent.override).toEqual({
      ...request.consent.override,
      recordedBy: 'test-dispatcher',
    });
  });
});
