import { randomUUID } from 'node:crypto';
import { crisisCall, HandOffSystem } from '../support/hand-off-system';

/**
 * HIPAA minimum necessary and 42 CFR Part 2 over the real API: exactly which of a referral's
 * fields its partner reads, with and without the person's consent, and for a substance-use
 * referral with and without Part 2 terms in the partner's agreement.
 */
describe('what a partner reads of a referral', () => {
  let system: HandOffSystem;

  beforeAll(async () => {
    system = await HandOffSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  const NOTICE =
    '42 CFR part 2 prohibits unauthorized use or disclosure of these records (redisclosure notice).';
  const SHARED = ['person.name', 'person.phone', 'contactPreference', 'narrative'];
  const OVERRIDE = {
    obtained: false,
    override: {
      reason: 'Imminent risk to the person, consent not possible',
      authorizedBy: 'Sgt. Lee #12',
    },
  };
  /** Fields every partner view has, personal or not. */
  const BASE_KEYS = [
    'category',
    'id',
    'offer',
    'sharedFields',
    'sharingBasis',
    'status',
    'submittedAt',
    'urgency',
    'areaCode',
  ];

  /** A new agency and one partner of `category` under an agreement with these terms. */
  async function partnerUnder(
    category: string,
    terms: { sharedFieldsWithoutConsent?: string[]; part2?: { redisclosureNotice: string } },
  ) {
    const agencyId = await system.agency();
    const partnerId = await system.partner({
      name: `Partner ${randomUUID().slice(0, 6)}`,
      category,
    });
    const initiativeId = await system.initiative(agencyId, [partnerId]);
    await system.agreementInForce(initiativeId, {
      partnerId,
      categories: [category],
      sharedFields: SHARED,
      ...terms,
    });
    return { agencyId, partnerId };
  }

  /** Submits the call as dispatch of `agencyId` and returns the partner's view once offered. */
  async function partnerViewOf(
    { agencyId, partnerId }: { agencyId: string; partnerId: string },
    call: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const submitted = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      { role: 'dispatcher', org: agencyId },
      call,
      { 'Idempotency-Key': randomUUID() },
    );
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    await system.eventuallyOfferedTo(agencyId, id, partnerId);
    const view = await system.call(system.referrals, 'GET', `/referrals/${id}`, {
      role: 'partner',
      org: partnerId,
    });
    expect(view.status).toBe(200);
    return view.body;
  }

  it('with consent a partner reads exactly the fields its agreement shares', async () => {
    const view = await partnerViewOf(
      await partnerUnder('homelessness', {}),
      crisisCall({ category: 'homelessness' }),
    );
    expect(Object.keys(view).sort()).toEqual(
      [...BASE_KEYS, 'person', 'contactPreference', 'narrative'].sort(),
    );
    expect(view.person).toEqual({ name: 'Jordan Reyes', phone: '+1 312 555 0199' });
    expect(view).toMatchObject({ sharingBasis: 'consent', sharedFields: [...SHARED].sort() });
  });

  it('without consent a partner reads only what its agreement shares without consent', async () => {
    const view = await partnerViewOf(
      await partnerUnder('homelessness', { sharedFieldsWithoutConsent: ['person.phone'] }),
      crisisCall({ category: 'homelessness', consent: OVERRIDE }),
    );
    expect(Object.keys(view).sort()).toEqual([...BASE_KEYS, 'person'].sort());
    expect(view.person).toEqual({ phone: '+1 312 555 0199' });
    expect(view).toMatchObject({ sharingBasis: 'override', sharedFields: ['person.phone'] });
  });

  it('a substance-use referral with consent reaches a Part 2 partner with the redisclosure notice', async () => {
    const view = await partnerViewOf(
      await partnerUnder('substance-use', { part2: { redisclosureNotice: NOTICE } }),
      crisisCall({ category: 'substance-use' }),
    );
    expect(view).toMatchObject({
      sharingBasis: 'part2-consent',
      redisclosureNotice: NOTICE,
      person: { name: 'Jordan Reyes', phone: '+1 312 555 0199' },
    });
  });

  it('a substance-use referral shows nothing personal to a partner without Part 2 terms', async () => {
    const view = await partnerViewOf(
      await partnerUnder('substance-use', { sharedFieldsWithoutConsent: SHARED }),
      crisisCall({ category: 'substance-use' }),
    );
    expect(Object.keys(view).sort()).toEqual([...BASE_KEYS].sort());
    expect(view).toMatchObject({ sharingBasis: 'part2-withheld', sharedFields: [] });
  });

  it('an override does not open a substance-use referral even to a Part 2 partner', async () => {
    const view = await partnerViewOf(
      await partnerUnder('substance-use', {
        part2: { redisclosureNotice: NOTICE },
        sharedFieldsWithoutConsent: SHARED,
      }),
      crisisCall({ category: 'substance-use', consent: OVERRIDE }),
    );
    expect(Object.keys(view).sort()).toEqual([...BASE_KEYS].sort());
    expect(JSON.stringify(view)).not.toContain('Jordan');
  });

  it('an override is stored with its reason, who authorised it and who recorded it, and shown to admins', async () => {
    const { agencyId } = await partnerUnder('homelessness', {});
    const submitted = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      { role: 'dispatcher', org: agencyId },
      crisisCall({ category: 'homelessness', consent: OVERRIDE }),
      { 'Idempotency-Key': randomUUID() },
    );
    const asAdmin = await system.call(
      system.referrals,
      'GET',
      `/referrals/${submitted.body.id as string}`,
      {
        role: 'admin',
      },
    );
    expect(asAdmin.body.consent).toEqual({
      obtained: false,
      override: { ...OVERRIDE.override, recordedBy: expect.stringMatching(/\S/) },
    });
  });

  it('an override without a reason is refused with a 400 naming consent.override.reason', async () => {
    const { agencyId } = await partnerUnder('homelessness', {});
    const answer = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      { role: 'dispatcher', org: agencyId },
      crisisCall({ consent: { obtained: false, override: { authorizedBy: 'Sgt. Lee' } } }),
      { 'Idempotency-Key': randomUUID() },
    );
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.message)).toContain('consent.override.reason');
  });
});
