import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, mintToken, Role } from '@concord/auth';
import { crisisCall } from '../support/hand-off-system';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
  query,
} from '../support/infrastructure';
import { ROOT, ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

/**
 * The audit trail of a real service process (referrals) on its own database: what is written for
 * reads of person data, changes, refused tokens and roles; what auditors can ask of it; what the
 * database refuses; and the retention purge.
 */
interface Row {
  id: string;
  occurred_at: Date;
  actor_subject: string | null;
  actor_organization: string | null;
  actor_role: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  subject_ref: string | null;
  outcome: string;
  http_method: string | null;
  http_route: string | null;
  http_status: number | null;
  correlation_id: string | null;
  reason: string | null;
}

interface Caller {
  subject: string;
  role: Role;
  org?: string;
}

const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;

describe('the audit trail', () => {
  let databaseUrl: string;
  let service: ServiceProcess;
  const privateKey = readFileSync(resolve(ROOT, '.cache/dev-keys/dev-private.pem'), 'utf8');

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('audit');
    service = await new ServiceProcess(scriptOf('referrals'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      AUDIT_RETENTION_DAYS: String(RETENTION_DAYS),
      AUDIT_PURGE_INTERVAL_MS: '300',
    }).startHealthy();
  });

  afterAll(async () => {
    await service?.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const token = (caller: Caller): Promise<string> =>
    mintToken(
      privateKey,
      { subject: caller.subject, role: caller.role, organizationId: caller.org },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
    );

  async function call(
    caller: Caller | { rawToken: string },
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const bearer = 'rawToken' in caller ? caller.rawToken : await token(caller);
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${bearer}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  const records = (where: string, params: unknown[]): Promise<Row[]> =>
    query<Row>(databaseUrl, `SELECT * FROM audit_records WHERE ${where} ORDER BY id`, params);

  const newDispatcher = (): Caller => ({
    subject: `dispatcher-${randomUUID().slice(0, 8)}`,
    role: 'dispatcher',
    org: randomUUID(),
  });
  const auditor: Caller = { subject: 'auditor-1', role: 'auditor' };

  async function submit(dispatcher: Caller, body = crisisCall()): Promise<string> {
    const answer = await call(dispatcher, 'POST', '/referrals', body);
    if (answer.status !== 201) throw new Error(`intake answered ${answer.status}: ${answer.text}`);
    return (JSON.parse(answer.text) as { id: string }).id;
  }

  async function auditPage(path: string): Promise<{ items: Row[]; nextCursor: string | null }> {
    const answer = await call(auditor, 'GET', path);
    if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}: ${answer.text}`);
    return JSON.parse(answer.text) as { items: Row[]; nextCursor: string | null };
  }

  it("a read of a person's details records who read which referral, for which organisation and role, under the request's correlation id", async () => {
    const dispatcher = newDispatcher();
    const referralId = await submit(dispatcher);
    const correlationId = `audit-read-${randomUUID()}`;

    const read = await call(dispatcher, 'GET', `/referrals/${referralId}`, undefined, {
      'x-correlation-id': correlationId,
    });

    expect(read.status).toBe(200);
    expect(
      await records(`action = 'referral.read-person' AND object_id = $1`, [referralId]),
    ).toEqual([
      expect.objectContaining({
        actor_subject: dispatcher.subject,
        actor_organization: dispatcher.org,
        actor_role: 'dispatcher',
        object_type: 'referral',
        subject_ref: referralId,
        outcome: 'allowed',
        http_method: 'GET',
        http_route: '/referrals/:id',
        http_status: 200,
        correlation_id: correlationId,
      }),
    ]);
  });

  it('a page of referrals records a read of each referral it returned', async () => {
    const dispatcher = newDispatcher();
    const first = await submit(dispatcher);
    const second = await submit(dispatcher);

    const listed = await call(dispatcher, 'GET', '/referrals');

    expect(listed.status).toBe(200);
    const read = await records(`action = 'referral.read-person' AND actor_subject = $1`, [
      dispatcher.subject,
    ]);
    expect(read.map((row) => row.subject_ref).sort()).toEqual([first, second].sort());
  });

  it('a read of person data is refused (503, no data) when its audit record cannot be written', async () => {
    const dispatcher = newDispatcher();
    const referralId = await submit(dispatcher);
    await query(
      databaseUrl,
      `CREATE FUNCTION refuse_audit_insert() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit store unavailable (test)'; END $$`,
    );
    await query(
      databaseUrl,
      `CREATE TRIGGER refuse_audit_insert BEFORE INSERT ON audit_records
       FOR EACH ROW EXECUTE FUNCTION refuse_audit_insert()`,
    );
    try {
      const read = await call(dispatcher, 'GET', `/referrals/${referralId}`);
      expect(read.status).toBe(503);
      expect(read.text).not.toContain('Jordan Reyes');
    } finally {
      await query(databaseUrl, `DROP TRIGGER refuse_audit_insert ON audit_records`);
      await query(databaseUrl, `DROP FUNCTION refuse_audit_insert()`);
    }
  });

  it('a change records its action, object and outcome', async () => {
    const dispatcher = newDispatcher();
    const referralId = await submit(dispatcher);

    expect(await records(`action = 'referral.create' AND object_id = $1`, [referralId])).toEqual([
      expect.objectContaining({
        actor_subject: dispatcher.subject,
        actor_organization: dispatcher.org,
        actor_role: 'dispatcher',
        subject_ref: referralId,
        outcome: 'allowed',
        http_method: 'POST',
        http_route: '/referrals',
        http_status: 201,
      }),
    ]);
  });

  it('a change refused for bad input records a failure whose reason names the field', async () => {
    const dispatcher = newDispatcher();

    const answer = await call(
      dispatcher,
      'POST',
      '/referrals',
      crisisCall({ urgency: 'whenever' }),
    );

    expect(answer.status).toBe(400);
    const [failed] = await records(`actor_subject = $1 AND action = 'referral.create'`, [
      dispatcher.subject,
    ]);
    expect(failed).toEqual(
      expect.objectContaining({ outcome: 'failed', http_status: 400, object_id: null }),
    );
    expect(failed?.reason).toContain('urgency');
  });

  it('a consent override at intake records who authorised it; its reason stays sealed with the referral', async () => {
    const dispatcher = newDispatcher();
    const referralId = await submit(
      dispatcher,
      crisisCall({
        consent: {
          obtained: false,
          override: {
            reason: 'Imminent risk of harm; person unable to consent',
            authorizedBy: 'Sgt. Example #100',
          },
        },
      }),
    );

    expect(
      await records(`action = 'referral.consent-override' AND subject_ref = $1`, [referralId]),
    ).toEqual([
      expect.objectContaining({
        actor_subject: dispatcher.subject,
        actor_organization: dispatcher.org,
        outcome: 'allowed',
        reason: expect.stringContaining('authorised by Sgt. Example #100'),
      }),
    ]);
    expect(JSON.stringify(await records(`subject_ref = $1`, [referralId]))).not.toContain(
      'Imminent risk of harm',
    );
  });

  it("every record a request makes holds the caller's address, the ones its handler writes itself too", async () => {
    const referralId = await submit(
      newDispatcher(),
      crisisCall({
        consent: {
          obtained: false,
          override: { reason: 'Unable to consent', authorizedBy: 'Sgt. Example #101' },
        },
      }),
    );

    expect(
      await query(
        databaseUrl,
        `SELECT action, host(client_address) AS address FROM audit_records
          WHERE subject_ref = $1 ORDER BY action`,
        [referralId],
      ),
    ).toEqual([
      { action: 'referral.consent-override', address: '127.0.0.1' },
      { action: 'referral.create', address: '127.0.0.1' },
    ]);
  });

  it('a token that does not authenticate records auth.login-failed, with no actor and the reason it was refused', async () => {
    const correlationId = `audit-401-${randomUUID()}`;

    const answer = await call({ rawToken: 'not.a.jwt' }, 'GET', '/referrals', undefined, {
      'x-correlation-id': correlationId,
    });

    expect(answer.status).toBe(401);
    const [failed] = await records(`correlation_id = $1`, [correlationId]);
    expect(failed).toEqual(
      expect.objectContaining({
        action: 'auth.login-failed',
        actor_subject: null,
        actor_role: null,
        outcome: 'denied',
        http_status: 401,
        http_route: '/referrals',
      }),
    );
    expect(failed?.reason).toBeTruthy();
  });

  it('a role that may not call a route records auth.permission-denied', async () => {
    const partner: Caller = {
      subject: `partner-${randomUUID()}`,
      role: 'partner',
      org: randomUUID(),
    };

    const answer = await call(partner, 'POST', '/referrals', crisisCall());

    expect(answer.status).toBe(403);
    expect(await records(`actor_subject = $1`, [partner.subject])).toEqual([
      expect.objectContaining({
        action: 'auth.permission-denied',
        actor_role: 'partner',
        actor_organization: partner.org,
        outcome: 'denied',
        http_method: 'POST',
        http_status: 403,
        reason: expect.stringContaining('role partner may not do this'),
      }),
    ]);
  });

  it('anyone but an auditor or administrator is refused the audit records, and the refusal is audited', async () => {
    const dispatcher = newDispatcher();

    const listed = await call(dispatcher, 'GET', '/audit-records');
    const exported = await call(dispatcher, 'GET', '/audit-records/export');

    expect([listed.status, exported.status]).toEqual([403, 403]);
    const denied = await records(`actor_subject = $1`, [dispatcher.subject]);
    expect(denied.map((row) => [row.action, row.http_route])).toEqual([
      ['auth.permission-denied', '/audit-records'],
      ['auth.permission-denied', '/audit-records/export'],
    ]);
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of audit records', async () => {
    const [any] = await query<{ id: string }>(databaseUrl, 'SELECT id FROM audit_records LIMIT 1');
    expect(any).toBeDefined();

    for (const statement of [
      `UPDATE audit_records SET outcome = 'allowed' WHERE id = ${any?.id}`,
      `DELETE FROM audit_records WHERE id = ${any?.id}`,
      `TRUNCATE audit_records`,
    ]) {
      await expect(query(databaseUrl, statement)).rejects.toThrow(/audit_records is append-only/);
    }
  });

  it('the purge mark alone does not let a session delete a record younger than a day', async () => {
    const [recent] = await query<{ id: string }>(
      databaseUrl,
      `SELECT id FROM audit_records WHERE occurred_at > now() - interval '1 hour' LIMIT 1`,
    );

    await expect(
      query(
        databaseUrl,
        `SET concord.audit_purge = 'on'; DELETE FROM audit_records WHERE id = ${recent?.id}`,
      ),
    ).rejects.toThrow(/audit_records is append-only: DELETE refused/);
  });

  it('auditors find the records about one person', async () => {
    const dispatcher = newDispatcher();
    const mine = await submit(dispatcher);
    const other = await submit(dispatcher);
    await call(dispatcher, 'GET', `/referrals/${mine}`);
    await call(dispatcher, 'GET', `/referrals/${other}`);

    const page = await auditPage(`/audit-records?person=${mine}`);

    expect(page.items.length).toBeGreaterThanOrEqual(2);
    expect(
      page.items.every((item) => (item as unknown as { subjectRef: string }).subjectRef === mine),
    ).toBe(true);
    expect(page.items.map((item) => (item as unknown as { action: string }).action)).toEqual(
      expect.arrayContaining(['referral.create', 'referral.read-person']),
    );
  });

  it('auditors find the records of one user and of one organisation', async () => {
    const dispatcher = newDispatcher();
    const colleague: Caller = { ...newDispatcher(), org: dispatcher.org };
    const stranger = newDispatcher();
    await submit(dispatcher);
    await submit(colleague);
    await submit(stranger);

    const byUser = await auditPage(`/audit-records?user=${dispatcher.subject}`);
    const byOrganization = await auditPage(`/audit-records?organization=${dispatcher.org}`);

    const actors = (page: { items: Row[] }) =>
      new Set(page.items.map((item) => (item as unknown as { actorSubject: string }).actorSubject));
    expect(actors(byUser)).toEqual(new Set([dispatcher.subject]));
    expect(actors(byOrganization)).toEqual(new Set([dispatcher.subject, colleague.subject]));
  });

  it('auditors find the records of a period, from and to inclusive', async () => {
    const dispatcher = newDispatcher();
    const before = new Date();
    await submit(dispatcher);
    const after = new Date(Date.now() + 1);
    await submit(dispatcher);

    const page = await auditPage(
      `/audit-records?user=${dispatcher.subject}&from=${before.toISOString()}&to=${after.toISOString()}`,
    );
    const later = await auditPage(
      `/audit-records?user=${dispatcher.subject}&from=${new Date(after.getTime() + 1).toISOString()}`,
    );

    expect(page.items).toHaveLength(1);
    expect(later.items).toHaveLength(1);
    expect((page.items[0] as unknown as { id: string }).id).not.toBe(
      (later.items[0] as unknown as { id: string }).id,
    );
  });

  it('auditors page through records newest first with the cursor, missing none', async () => {
    const dispatcher = newDispatcher();
    for (let i = 0; i < 5; i++) await submit(dispatcher);

    const first = await auditPage(`/audit-records?user=${dispatcher.subject}&limit=2`);
    const second = await auditPage(
      `/audit-records?user=${dispatcher.subject}&limit=2&after=${first.nextCursor}`,
    );
    const third = await auditPage(
      `/audit-records?user=${dispatcher.subject}&limit=2&after=${second.nextCursor}`,
    );

    const ids = [...first.items, ...second.items, ...third.items].map((item) => Number(item.id));
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(third.nextCursor).toBeNull();
  });

  it('a query that breaks a rule gets 400 naming the field', async () => {
    const answer = await call(auditor, 'GET', '/audit-records?from=yesterday&outcome=maybe');

    expect(answer.status).toBe(400);
    expect(answer.text).toContain('from must be an ISO 8601 date-time');
    expect(answer.text).toContain('outcome must be one of allowed, denied, failed');
  });

  it('the CSV export holds the matching records, as an attachment', async () => {
    const dispatcher = newDispatcher();
    const referralId = await submit(dispatcher);
    await call(dispatcher, 'GET', `/referrals/${referralId}`);

    const answer = await call(auditor, 'GET', `/audit-records/export?person=${referralId}`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-records-referrals-.*\.csv"$/,
    );
    const lines = answer.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,occurred_at,actor_subject,actor_organization,actor_role,action,object_type,object_id,subject_ref,outcome,http_method,http_route,http_status,correlation_id,reason,client_address',
    );
    expect(lines.slice(1).map((line) => line.split(',')[5])).toEqual([
      'referral.read-person',
      'referral.create',
    ]);
    expect(lines.slice(1).every((line) => line.includes(referralId))).toBe(true);
  });

  it(`the retention purge deletes records older than ${RETENTION_DAYS} days and keeps younger ones`, async () => {
    const marker = `retention-${randomUUID()}`;
    const insert = (ageDays: number) =>
      query(
        databaseUrl,
        `INSERT INTO audit_records (occurred_at, action, outcome, correlation_id)
         VALUES ($1, 'test.retention', 'allowed', $2)`,
        [new Date(Date.now() - ageDays * DAY_MS), `${marker}-${ageDays}`],
      );
    await insert(RETENTION_DAYS + 1);
    await insert(RETENTION_DAYS - 1);

    await eventually('the record past retention to be purged', async () => {
      const left = await records(`correlation_id = $1`, [`${marker}-${RETENTION_DAYS + 1}`]);
      return left.length === 0;
    });
    expect(await records(`correlation_id = $1`, [`${marker}-${RETENTION_DAYS - 1}`])).toHaveLength(
      1,
    );
  });
});
