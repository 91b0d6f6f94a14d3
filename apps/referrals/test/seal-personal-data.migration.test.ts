import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { REFERRALS_MIGRATIONS } from '../src/migrations';
import { SealPersonalData1763790000400 } from '../src/migrations/1763790000400-seal-personal-data';
import { MasterKeyring, masterKeyring } from '../src/personal-data/master-keyring';
import { PersonalDataBox } from '../src/personal-data/personal-data-box';
import { CaseNotes, ReferralDetails } from '../src/referral/referral.entity';
import { ReferralSeal } from '../src/referral/referral-seal';
import { createTestDatabase, dropTestDatabase } from '../../../test/support/infrastructure';

const run = promisify(execFile);
const MASTER_KEYS = `2026-01:${randomBytes(32).toString('base64')}`;
const BOX = new PersonalDataBox(masterKeyring(MASTER_KEYS, true) as MasterKeyring);
const SEAL = new ReferralSeal(BOX);
/** The migrations before sealing, and up to it (later ones are not this test's business). */
const SEALING = REFERRALS_MIGRATIONS.indexOf(SealPersonalData1763790000400);
const BEFORE_SEALING = REFERRALS_MIGRATIONS.slice(0, SEALING);
const UP_TO_SEALING = REFERRALS_MIGRATIONS.slice(0, SEALING + 1);

/**
 * The migration that seals the personal data a referrals database already holds: a database
 * written before envelope encryption, migrated, holds none of it in clear, and opens to the same.
 */
describe('sealing the personal data stored before envelope encryption', () => {
  let url: string;
  let dataSource: DataSource;
  const referralId = randomUUID();
  const offerId = randomUUID();
  const details: ReferralDetails = {
    latitude: 41.90217,
    longitude: -87.61933,
    person: { name: 'Oriel Vantongeren', age: 52, phone: '+1 773 555 0123' },
    address: '88 Larkspur Ct',
    consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer Penhallow' },
    narrative: 'Sister reports he has not eaten in days.',
  };
  const notes: CaseNotes = { outcomeNote: 'Met at the day centre', cancelReason: null };
  const declineNote = 'Already known to another team';
  const replay = { id: referralId, person: details.person, narrative: details.narrative };

  beforeAll(async () => {
    process.env.REFERRALS_MASTER_KEYS = MASTER_KEYS;
    url = await createTestDatabase('seal_migration');
    const before = await new DataSource({
      type: 'postgres',
      url,
      migrations: BEFORE_SEALING,
      migrationsRun: true,
    }).initialize();
    await before.query(
      `INSERT INTO referrals (id, agency_id, submitted_by, incident_reference, category, urgency,
              latitude, longitude, address, area_code, person, contact_preference, consent, narrative,
              status, outcome_note, submitted_at, updated_at)
       VALUES ($1, $2, 'dispatcher-1', 'CAD-1', 'mental-health-crisis', 'routine', $8, $9,
               $3, 'dp3wj', $4, 'phone', $5, $6, 'offered', $7, now(), now())`,
      [
        referralId,
        randomUUID(),
        details.address,
        JSON.stringify(details.person),
        JSON.stringify(details.consent),
        details.narrative,
        notes.outcomeNote,
        details.latitude,
        details.longitude,
      ],
    );
    await before.query(
      `INSERT INTO offers (id, referral_id, attempt, partner_id, service_id, agreement_id, status,
              offered_at, accept_by, decline_reason, decline_note)
       VALUES ($1, $2, 1, $3, $3, $3, 'declined', now(), now(), 'no-capacity', $4)`,
      [offerId, referralId, randomUUID(), declineNote],
    );
    await before.query(
      `INSERT INTO idempotency_keys (agency_id, key, request_hash, referral_id, response_status,
              response_body)
       VALUES ($1, 'key-1', 'hash', $2, 201, $3)`,
      [randomUUID(), referralId, JSON.stringify(replay)],
    );
    await before.destroy();

    dataSource = await new DataSource({
      type: 'postgres',
      url,
      migrations: UP_TO_SEALING,
      migrationsRun: true,
    }).initialize();
  });

  afterAll(async () => {
    delete process.env.REFERRALS_MASTER_KEYS;
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  it('leaves none of the clear values in a pg_dump of the database', async () => {
    const { stdout } = await run('pg_dump', ['--no-owner', url]);

    const clear = [
      String(details.latitude),
      String(details.longitude),
      details.person.name,
      details.person.phone as string,
      details.address as string,
      details.consent.obtainedBy as string,
      details.narrative,
      notes.outcomeNote as string,
      declineNote,
    ];
    expect(clear.filter((value) => stdout.includes(value))).toEqual([]);
  });

  it('seals each referral under its own data key, wrapped under the newest master key', async () => {
    const [row] = await dataSource.query(`SELECT key_id, length(data_key) AS bytes FROM referrals`);

    expect(row).toEqual({ key_id: '2026-01', bytes: 61 });
  });

  it('opens to the details, notes, decline note and replay copy that were stored in clear', async () => {
    const [referral] = await dataSource.query(
      `SELECT key_id AS "keyId", data_key AS "dataKey", details, notes FROM referrals`,
    );
    const [offer] = await dataSource.query(`SELECT decline_note FROM offers`);
    const [key] = await dataSource.query(`SELECT response_body FROM idempotency_keys`);

    expect(SEAL.open(referral)).toEqual(expect.objectContaining({ ...details, ...notes }));
    expect(BOX.open(referral, 'decline-note', offer.decline_note)).toBe(declineNote);
    expect(SEAL.openReplay(referral, key.response_body)).toEqual(replay);
  });

  it('reverts to the same values in clear', async () => {
    await dataSource.undoLastMigration();

    const [referral] = await dataSource.query(
      `SELECT latitude, longitude, person, address, consent, narrative, outcome_note FROM referrals`,
    );
    const [offer] = await dataSource.query(`SELECT decline_note FROM offers`);
    const [key] = await dataSource.query(`SELECT response_body FROM idempotency_keys`);
    expect(referral).toEqual({
      latitude: details.latitude,
      longitude: details.longitude,
      person: details.person,
      address: details.address,
      consent: details.consent,
      narrative: details.narrative,
      outcome_note: notes.outcomeNote,
    });
    expect(offer.decline_note).toBe(declineNote);
    expect(key.response_body).toEqual(replay);
  });
});
