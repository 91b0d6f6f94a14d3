import { MigrationInterface, QueryRunner } from 'typeorm';
import { masterKeyring, MASTER_KEYS_SETTING } from '../personal-data/master-keyring';
import { PersonalDataBox, SealedDataKey } from '../personal-data/personal-data-box';
import { CaseNotes, ReferralDetails } from '../referral/referral.entity';
import { ReferralSeal } from '../referral/referral-seal';

const BATCH = 1_000;

/** The keyring of the process that migrates: the service's own setting, checked at start-up. */
function sealFromEnvironment(): { seal: ReferralSeal; box: PersonalDataBox } {
  const keyring = masterKeyring(
    process.env[MASTER_KEYS_SETTING],
    process.env.NODE_ENV === 'production',
  );
  if (!keyring)
    throw new Error(`${MASTER_KEYS_SETTING} is needed to seal the referrals stored so far`);
  const box = new PersonalDataBox(keyring);
  return { seal: new ReferralSeal(box), box };
}

/**
 * Calls `handle` with the rows of `select` (which takes the last id seen as $1 and orders by
 * id) a thousand at a time, so that a large table is migrated without holding it in memory.
 */
async function inBatches<R extends { id: string }>(
  queryRunner: QueryRunner,
  select: string,
  handle: (rows: R[]) => Promise<void>,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: R[] = await queryRunner.query(`${select} LIMIT ${BATCH}`, [after]);
    if (rows.length === 0) return;
    await handle(rows);
    after = rows[rows.length - 1].id;
  }
}

interface ClearReferral {
  id: string;
  latitude: number;
  longitude: number;
  person: ReferralDetails['person'];
  address: string | null;
  consent: ReferralDetails['consent'];
  narrative: string;
  outcome_note: string | null;
  cancel_reason: string | null;
}

interface SealedReferralRow {
  id: string;
  key_id: string;
  data_key: Buffer;
  details: Buffer;
  notes: Buffer | null;
}

/**
 * Envelope encryption of the personal data stored so far: each referral gets a data key wrapped
 * under the newest master key (REFERRALS_MASTER_KEYS, or the development key outside production),
 * its details (the point, the address, the person, consent, narrative) and notes are sealed with it, and so are its offers' decline notes and the stored
 * answers for Idempotency-Key replays; then the clear columns go.
 */
export class SealPersonalData1763790000400 implements MigrationInterface {
  name = 'SealPersonalData1763790000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { seal } = sealFromEnvironment();
    await queryRunner.query(`
      ALTER TABLE referrals
        ADD COLUMN key_id text, ADD COLUMN data_key bytea, ADD COLUMN details bytea,
        ADD COLUMN notes bytea`);
    await queryRunner.query(`ALTER TABLE offers ADD COLUMN sealed_decline_note bytea`);
    await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN sealed_response bytea`);

    await inBatches<ClearReferral>(
      queryRunner,
      `SELECT id, latitude, longitude, person, address, consent, narrative, outcome_note,
              cancel_reason
         FROM referrals WHERE id > $1 ORDER BY id`,
      async (rows) => {
        const sealed = rows.map((row) => {
          const key = seal.sealNew({
            latitude: row.latitude,
            longitude: row.longitude,
            person: row.person,
            address: row.address,
            consent: row.consent,
            narrative: row.narrative,
          });
          const notes: CaseNotes = {
            outcomeNote: row.outcome_note,
            cancelReason: row.cancel_reason,
          };
          return {
            ...key,
            notes: notes.outcomeNote || notes.cancelReason ? seal.sealNotes(key, notes) : null,
          };
        });
        await queryRunner.query(
          `UPDATE referrals r
              SET key_id = v.key_id, data_key = v.data_key, details = v.details, notes = v.notes
             FROM unnest($1::uuid[], $2::text[], $3::bytea[], $4::bytea[], $5::bytea[])
                  AS v(id, key_id, data_key, details, notes)
            WHERE r.id = v.id`,
          [
            rows.map((row) => row.id),
            sealed.map((row) => row.keyId),
            sealed.map((row) => row.dataKey),
            sealed.map((row) => row.details),
            sealed.map((row) => row.notes),
          ],
        );
      },
    );
    await inBatches<SealedDataKeyRow & { decline_note: string }>(
      queryRunner,
      `SELECT o.id, o.decline_note, r.key_id, r.data_key
         FROM offers o JOIN referrals r ON r.id = o.referral_id
        WHERE o.decline_note IS NOT NULL AND o.id > $1 ORDER BY o.id`,
      (rows) =>
        setBytes(queryRunner, 'offers', 'sealed_decline_note', rows, (row) =>
          seal.sealDeclineNote(keyOf(row), row.decline_note),
        ),
    );
    await inBatches<SealedDataKeyRow & { response_body: object }>(
      queryRunner,
      `SELECT i.referral_id AS id, i.response_body, r.key_id, r.data_key
         FROM idempotency_keys i JOIN referrals r ON r.id = i.referral_id
        WHERE i.referral_id > $1 ORDER BY i.referral_id`,
      (rows) =>
        setBytes(
          queryRunner,
          'idempotency_keys',
          'sealed_response',
          rows,
          (row) => seal.sealReplay(keyOf(row), row.response_body),
          'referral_id',
        ),
    );

    await queryRunner.query(`
      ALTER TABLE referrals
        DROP COLUMN latitude, DROP COLUMN longitude, DROP COLUMN person, DROP COLUMN address, DROP COLUMN consent, DROP COLUMN narrative,
        DROP COLUMN outcome_note, DROP COLUMN cancel_reason,
        ALTER COLUMN key_id SET NOT NULL, ALTER COLUMN data_key SET NOT NULL,
        ALTER COLUMN details SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE offers DROP COLUMN decline_note`);
    await queryRunner.query(`ALTER TABLE offers RENAME COLUMN sealed_decline_note TO decline_note`);
    await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN response_body`);
    await queryRunner.query(`
      ALTER TABLE idempotency_keys RENAME COLUMN sealed_response TO response_body`);
    await queryRunner.query(`ALTER TABLE idempotency_keys ALTER COLUMN response_body SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX referrals_by_key_id ON referrals (key_id)`);
  }

  /** Back to clear text, with the keys that sealed it. */
  async down(queryRunner: QueryRunner): Promise<void> {
    const { seal, box } = sealFromEnvironment();
    await queryRunner.query(`DROP INDEX referrals_by_key_id`);
    await queryRunner.query(`
      ALTER TABLE referrals
        ADD COLUMN latitude double precision, ADD COLUMN longitude double precision,
        ADD COLUMN person jsonb, ADD COLUMN address text, ADD COLUMN consent jsonb,
        ADD COLUMN narrative text, ADD COLUMN outcome_note text, ADD COLUMN cancel_reason text`);
    await queryRunner.query(`ALTER TABLE offers RENAME COLUMN decline_note TO sealed_decline_note`);
    await queryRunner.query(`ALTER TABLE offers ADD COLUMN decline_note text`);
    await queryRunner.query(`
      ALTER TABLE idempotency_keys RENAME COLUMN response_body TO sealed_response`);
    await queryRunner.query(`ALTER TABLE idempotency_keys ADD COLUMN response_body jsonb`);

    await inBatches<SealedReferralRow>(
      queryRunner,
      `SELECT id, key_id, data_key, details, notes FROM referrals WHERE id > $1 ORDER BY id`,
      async (rows) => {
        for (const row of rows) {
          const key = keyOf(row);
          const details = box.open<ReferralDetails>(key, 'details', row.details);
          const notes = row.notes ? box.open<CaseNotes>(key, 'notes', row.notes) : undefined;
          await queryRunner.query(
            `UPDATE referrals SET person = $2, address = $3, consent = $4, narrative = $5,
                    outcome_note = $6, cancel_reason = $7, latitude = $8, longitude = $9
              WHERE id = $1`,
            [
              row.id,
              JSON.stringify(details.person),
              details.address,
              JSON.stringify(details.consent),
              details.narrative,
              notes?.outcomeNote ?? null,
              notes?.cancelReason ?? null,
              details.latitude,
              details.longitude,
            ],
          );
        }
      },
    );
    await inBatches<SealedDataKeyRow & { sealed: Buffer }>(
      queryRunner,
      `SELECT o.id, o.sealed_decline_note AS sealed, r.key_id, r.data_key
         FROM offers o JOIN referrals r ON r.id = o.referral_id
        WHERE o.sealed_decline_note IS NOT NULL AND o.id > $1 ORDER BY o.id`,
      async (rows) => {
        for (const row of rows) {
          await queryRunner.query(`UPDATE offers SET decline_note = $2 WHERE id = $1`, [
            row.id,
            box.open<string>(keyOf(row), 'decline-note', row.sealed),
          ]);
        }
      },
    );
    await inBatches<SealedDataKeyRow & { sealed: Buffer }>(
      queryRunner,
      `SELECT i.referral_id AS id, i.sealed_response AS sealed, r.key_id, r.data_key
         FROM idempotency_keys i JOIN referrals r ON r.id = i.referral_id
        WHERE i.referral_id > $1 ORDER BY i.referral_id`,
      async (rows) => {
        for (const row of rows) {
          await queryRunner.query(
            `UPDATE idempotency_keys SET response_body = $2 WHERE referral_id = $1`,
            [row.id, JSON.stringify(seal.openReplay<object>(keyOf(row), row.sealed))],
          );
        }
      },
    );

    await queryRunner.query(`
      ALTER TABLE referrals
        DROP COLUMN key_id, DROP COLUMN data_key, DROP COLUMN details, DROP COLUMN notes,
        ALTER COLUMN latitude SET NOT NULL, ALTER COLUMN longitude SET NOT NULL,
        ALTER COLUMN person SET NOT NULL, ALTER COLUMN consent SET NOT NULL,
        ALTER COLUMN narrative SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE offers DROP COLUMN sealed_decline_note`);
    await queryRunner.query(`ALTER TABLE idempotency_keys DROP COLUMN sealed_response`);
    await queryRunner.query(`ALTER TABLE idempotency_keys ALTER COLUMN response_body SET NOT NULL`);
  }
}

interface SealedDataKeyRow {
  id: string;
  key_id: string;
  data_key: Buffer;
}

const keyOf = (row: SealedDataKeyRow): SealedDataKey => ({
  keyId: row.key_id,
  dataKey: row.data_key,
});

/** Sets a bytea column of many rows in one statement. */
async function setBytes<R extends { id: string }>(
  queryRunner: QueryRunner,
  table: string,
  column: string,
  rows: R[],
  value: (row: R) => Buffer,
  idColumn = 'id',
): Promise<void> {
  await queryRunner.query(
    `UPDATE ${table} t SET ${column} = v.value
       FROM unnest($1::uuid[], $2::bytea[]) AS v(id, value) WHERE t.${idColumn} = v.id`,
    [rows.map((row) => row.id), rows.map(value)],
  );
}
