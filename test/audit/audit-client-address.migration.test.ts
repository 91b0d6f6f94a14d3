import { DataSource } from 'typeorm';
import { AUDIT_MIGRATIONS, AuditClientAddress1765300000100 } from '@concord/audit';
import { createTestDatabase, dropTestDatabase } from '../support/infrastructure';

const BEFORE = AUDIT_MIGRATIONS.slice(0, AUDIT_MIGRATIONS.indexOf(AuditClientAddress1765300000100));

/** The caller's address on audit records: added to a trail that is append-only. */
describe('the audit client address migration', () => {
  let url: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    url = await createTestDatabase('audit_address_migration');
    const before = await new DataSource({
      type: 'postgres',
      url,
      migrations: BEFORE,
      migrationsRun: true,
    }).initialize();
    await before.query(
      `INSERT INTO audit_records (actor_subject, action, outcome, occurred_at)
       VALUES ('dispatcher-1', 'referral.create', 'allowed', '2026-03-01T10:00:00Z')`,
    );
    await before.destroy();
    dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: AUDIT_MIGRATIONS,
      migrationsRun: true,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('leaves the records made before it as they were, with no address', async () => {
    expect(
      await dataSource.query(
        `SELECT actor_subject, action, occurred_at, client_address FROM audit_records`,
      ),
    ).toEqual([
      {
        actor_subject: 'dispatcher-1',
        action: 'referral.create',
        occurred_at: new Date('2026-03-01T10:00:00Z'),
        client_address: null,
      },
    ]);
  });

  it('takes IPv4 and IPv6 addresses and refuses what is not one', async () => {
    const insert = (address: string) =>
      dataSource
        .query(
          `INSERT INTO audit_records (action, outcome, client_address)
           VALUES ('auth.login-failed', 'denied', $1) RETURNING host(client_address) AS host`,
          [address],
        )
        .then(
          (rows: { host: string }[]) => rows[0]?.host,
          (error: { code?: string }) => error.code,
        );
    expect([
      await insert('203.0.113.7'),
      await insert('2001:db8::7'),
      await insert('ingress.local'),
    ]).toEqual(['203.0.113.7', '2001:db8::7', '22P02']);
  });
});
