import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AGREEMENTS_MIGRATIONS } from '../src/migrations';
import { AgreementStatusChanges1763790000600 } from '../src/migrations/1763790000600-agreement-status-changes';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/infrastructure';

/** The migrations before the status history, and up to it. */
const HISTORY = AGREEMENTS_MIGRATIONS.indexOf(AgreementStatusChanges1763790000600);
const BEFORE_HISTORY = AGREEMENTS_MIGRATIONS.slice(0, HISTORY);
const UP_TO_HISTORY = AGREEMENTS_MIGRATIONS.slice(0, HISTORY + 1);

/**
 * The migration that starts the status history: an agreement made before it is not left with an
 * empty history, and a draft's row is its creation.
 */
describe('backfilling the status history of agreements made before it was kept', () => {
  let url: string;
  let dataSource: DataSource;
  const draftId = randomUUID();
  const suspendedId = randomUUID();
  const suspendedAt = new Date('2026-03-02T09:30:00.000Z');
  const createdAt = new Date('2026-01-05T12:00:00.000Z');

  beforeAll(async () => {
    url = await createTestDatabase('agreement_history_migration');
    const before = await new DataSource({
      type: 'postgres',
      url,
      migrations: BEFORE_HISTORY,
      migrationsRun: true,
    }).initialize();
    const [agencyId, partnerId, initiativeId] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [id, name, type] of [
      [agencyId, 'Metro Police Department', 'police-agency'],
      [partnerId, 'Harbor Mental Health', 'mental-health-provider'],
    ]) {
      await before.query(
        `INSERT INTO organizations (id, name, type, revision, created_at, updated_at)
         VALUES ($1, $2, $3, 1, now(), now())`,
        [id, name, type],
      );
    }
    await before.query(
      `INSERT INTO initiatives (id, name, lead_agency_id, categories, period_from, period_to, created_at)
       VALUES ($1, 'Crisis response', $2, '{mental-health-crisis,welfare-check}', '2026-01-01', '2027-12-31', now())`,
      [initiativeId, agencyId],
    );
    const agreement = (id: string, status: string, reason: string | null, changedAt: Date) =>
      before.query(
        `INSERT INTO agreements (id, initiative_id, agency_id, partner_id, status, status_reason,
                status_changed_at, version, categories, shared_fields, accept_within_minutes,
                effective_from, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, '{mental-health-crisis}', '{person.name}',
                 '{"immediate": 10, "same-day": 240, "routine": 2880}', $8, $8, $7)`,
        [id, initiativeId, agencyId, partnerId, status, reason, changedAt, createdAt],
      );
    await agreement(draftId, 'draft', null, createdAt);
    await agreement(suspendedId, 'suspended', 'data-sharing breach under review', suspendedAt);
    for (const id of [draftId, suspendedId]) {
      await before.query(
        `INSERT INTO agreement_versions (agreement_id, version, categories, shared_fields,
                accept_within_minutes, effective_from, created_by, created_at)
         VALUES ($1, 1, '{mental-health-crisis}', '{person.name}',
                 '{"immediate": 10, "same-day": 240, "routine": 2880}', $2, 'admin-author', $2)`,
        [id, createdAt],
      );
    }
    await before.destroy();

    dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: UP_TO_HISTORY,
      migrationsRun: true,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it("gives each existing agreement one row for its current status, a draft's made by its author", async () => {
    const rows = await dataSource.query(
      `SELECT agreement_id, status, previous_status, reason, changed_at, changed_by
         FROM agreement_status_changes ORDER BY id`,
    );

    expect(rows).toEqual(
      expect.arrayContaining([
        {
          agreement_id: draftId,
          status: 'draft',
          previous_status: null,
          reason: null,
          changed_at: createdAt,
          changed_by: 'admin-author',
        },
        {
          agreement_id: suspendedId,
          status: 'suspended',
          previous_status: null,
          reason: 'data-sharing breach under review',
          changed_at: suspendedAt,
          changed_by: 'unknown',
        },
      ]),
    );
    expect(rows).toHaveLength(2);
  });
});
