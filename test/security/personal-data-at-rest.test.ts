import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { crisisCall, HandOffSystem } from '../support/hand-off-system';
import { query } from '../support/infrastructure';
import { ROOT, ServiceProcess } from '../support/service-process';

const run = promisify(execFile);
const ROTATE_KEY = resolve(ROOT, 'dist/scripts/referrals-rotate-key.js');

/** A REFERRALS_MASTER_KEYS entry: `<key id>:<32 random bytes in base64>`. */
const masterKey = (id: string): string => `${id}:${randomBytes(32).toString('base64')}`;

/**
 * Envelope encryption of personal data in the referrals database: a copy of it (a backup, a
 * replica, a stolen dump) holds none of the person's details, the narrative, the notes, nor the
 * dispatcher's copy of the answer kept for Idempotency-Key replays.
 */
describe('personal data at rest in the referrals database', () => {
  const FIRST_KEY = masterKey('2026-01');
  let system: HandOffSystem;
  let agencyId: string;
  let partnerId: string;
  let referrals: ServiceProcess;

  /** Every value the test gives as personal data or a note; none may be in the dump. */
  const secrets: string[] = [];
  const secret = (label: string): string => {
    const value = `${label} ${randomUUID().slice(0, 8)}`;
    secrets.push(value);
    return value;
  };

  const asDispatcher = () => ({ role: 'dispatcher' as const, org: agencyId });
  const asPartner = () => ({ role: 'partner' as const, org: partnerId });

  function personalCall() {
    const digits = String(1000 + Math.floor(Math.random() * 9000));
    const phone = `+1 773 555 ${digits}`;
    secrets.push(phone);
    return crisisCall({
      // A point as precise as the address; the partner's service area is 0.05° around downtown.
      location: {
        latitude: 41.87913,
        longitude: -87.62744,
        address: secret('1200 Quillfeather Ave'),
      },
      person: { name: secret('Zephyrine'), age: 41, phone, language: 'es' },
      consent: { obtained: true, method: 'verbal', obtainedBy: secret('Officer Marlow') },
      narrative: secret('Neighbour reports she has stopped taking her medication'),
    });
  }

  async function submitted(
    call: Record<string, unknown>,
    key: string = randomUUID(),
  ): Promise<string> {
    const answer = await system.call(system.referrals, 'POST', '/referrals', asDispatcher(), call, {
      'Idempotency-Key': key,
    });
    expect(answer.status).toBe(201);
    const id = answer.body.id as string;
    await system.eventuallyOfferedTo(agencyId, id, partnerId);
    return id;
  }

  async function step(
    id: string,
    action: string,
    body: unknown,
    as: { role: 'partner' | 'dispatcher'; org: string } = asPartner(),
  ) {
    const answer = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/${action}`,
      as,
      body,
    );
    expect(answer.status).toBe(200);
  }

  let workedId: string;
  let workedCall: Record<string, unknown>;
  let workedKey: string;
  let completionNote: string;

  beforeAll(async () => {
    system = await HandOffSystem.start({ REFERRALS_MASTER_KEYS: FIRST_KEY });
    referrals = system.referrals;
    agencyId = await system.agency();
    partnerId = await system.partner({ name: `Partner ${randomUUID().slice(0, 6)}` });
    const initiativeId = await system.initiative(agencyId, [partnerId]);
    await system.agreementInForce(initiativeId, {
      partnerId,
      sharedFields: ['person.name', 'person.phone', 'location.address', 'consent', 'narrative'],
    });

    // Worked to the end, with a note at contact and at completion.
    workedCall = personalCall();
    workedKey = randomUUID();
    workedId = await submitted(workedCall, workedKey);
    await step(workedId, 'accept', {});
    await step(workedId, 'contact', { note: secret('Spoke with her at the shelter') });
    completionNote = secret('Linked to a clinic');
    await step(workedId, 'complete', { outcome: 'successful', note: completionNote });

    // Shared without consent, then cancelled by dispatch with a reason.
    const overridden = await submitted({
      ...personalCall(),
      consent: {
        obtained: false,
        override: { reason: secret('Threatening self-harm'), authorizedBy: 'Sgt. Example #100' },
      },
    });
    await step(
      overridden,
      'cancel',
      { reason: secret('Taken to hospital by family') },
      asDispatcher(),
    );

    // Declined with a note.
    const declined = await submitted(personalCall());
    await step(declined, 'decline', { reason: 'not-eligible', note: secret('Known to our team') });
  });

  afterAll(async () => {
    await referrals?.stop();
    await system?.stop();
  });

  const databaseUrl = () => system.referrals.env.DATABASE_URL;

  async function dump(): Promise<string> {
    const { stdout } = await run('pg_dump', ['--no-owner', '--no-privileges', databaseUrl()], {
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  }

  async function restartWith(env: Record<string, string>): Promise<ServiceProcess> {
    await referrals.stop();
    referrals = new ServiceProcess(referrals.script, { ...system.referrals.env, ...env });
    return referrals;
  }

  it('a pg_dump of the whole database holds none of the personal values, notes and replay copies it was given', async () => {
    const text = (await dump()).toLowerCase();

    expect(['41.87913', '-87.62744'].filter((value) => text.includes(value))).toEqual([]);
    expect(secrets.filter((value) => text.includes(value.toLowerCase()))).toEqual([]);
  });

  it('what was sealed reads back as it was submitted', async () => {
    const read = await system.call(
      system.referrals,
      'GET',
      `/referrals/${workedId}`,
      asDispatcher(),
    );

    expect(read.body).toEqual(
      expect.objectContaining({
        person: workedCall.person,
        narrative: workedCall.narrative,
        consent: workedCall.consent,
        location: expect.objectContaining(workedCall.location as object),
        outcome: expect.objectContaining({ note: completionNote }),
      }),
    );
  });

  it('a retry with the same Idempotency-Key gets the first answer back from the sealed copy', async () => {
    const retry = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      asDispatcher(),
      workedCall,
      {
        'Idempotency-Key': workedKey,
      },
    );

    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(
      expect.objectContaining({
        id: workedId,
        person: workedCall.person,
        status: 'awaiting-assignment',
      }),
    );
  });

  it('the service refuses to start with a master key that does not open the data keys stored under its id', async () => {
    const wrong = await restartWith({ REFERRALS_MASTER_KEYS: masterKey('2026-01') });

    wrong.start();

    expect(await wrong.waitForExit()).toBe(78);
    expect(wrong.output).toContain('REFERRALS_MASTER_KEYS');
    expect(wrong.output).toContain('2026-01');
  });

  it('the service refuses to start when the master key its referrals are sealed under is not given', async () => {
    const missing = await restartWith({ REFERRALS_MASTER_KEYS: masterKey('2027-01') });

    missing.start();

    expect(await missing.waitForExit()).toBe(78);
    expect(missing.output).toMatch(/2026-01.*not in REFERRALS_MASTER_KEYS/);
  });

  it('in production the service refuses to start without REFERRALS_MASTER_KEYS', async () => {
    const production = await restartWith({
      NODE_ENV: 'production',
      REFERRALS_MASTER_KEYS: '',
      // The suite's broker is plaintext, which production refuses too unless told otherwise.
      KAFKA_ALLOW_PLAINTEXT: 'true',
    });

    production.start();

    expect(await production.waitForExit()).toBe(78);
    expect(production.output).toContain('REFERRALS_MASTER_KEYS');
  });

  it('rotation re-wraps every data key under the newest master key, after which the old one can go', async () => {
    await referrals.stop();
    const newest = masterKey('2026-07');

    const rotated = await run(process.execPath, [ROTATE_KEY], {
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: databaseUrl(),
        REFERRALS_MASTER_KEYS: `${newest},${FIRST_KEY}`,
      },
    });

    expect(rotated.stdout).toMatch(/re-wrapped 3 data keys under 2026-07/);
    expect(await query(databaseUrl(), `SELECT DISTINCT key_id FROM referrals`)).toEqual([
      { key_id: '2026-07' },
    ]);
    await (await restartWith({ REFERRALS_MASTER_KEYS: newest })).startHealthy();
    const read = await system.call(
      system.referrals,
      'GET',
      `/referrals/${workedId}`,
      asDispatcher(),
    );
    expect(read.body).toEqual(expect.objectContaining({ person: workedCall.person }));
  });
});
