import { Offer } from '../assignment/offer.entity';
import { Consent, OpenReferral, Referral } from './referral.entity';
import { ShareableReferralField } from '@concord/contracts';
import { partnerView, sharingDecision, SharingTerms } from './referral-view';

const referral = Object.assign(new Referral(), {
  id: 'referral-1',
  agencyId: 'agency-1',
  incidentReference: 'CAD-1',
  category: 'mental-health-crisis',
  urgency: 'same-day',
  latitude: 41.87,
  longitude: -87.62,
  address: '1 Main St',
  areaCode: 'dp3wj',
  person: { name: 'Jordan Reyes', age: 34, phone: '+1 312 555 0199', language: 'es' },
  contactPreference: 'phone',
  consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer' },
  narrative: 'In distress.',
  outcomeNote: null,
  cancelReason: null,
  submittedAt: new Date('2026-11-22T10:00:00Z'),
} satisfies Partial<OpenReferral>);

const offer = Object.assign(new Offer(), {
  attempt: 1,
  status: 'offered',
  offeredAt: new Date('2026-11-22T10:00:01Z'),
  acceptBy: new Date('2026-11-22T14:00:01Z'),
} satisfies Partial<Offer>);

const terms = (sharedFields: ShareableReferralField[]): SharingTerms => ({ sharedFields });

describe("a partner's view of a referral", () => {
  it('shows no personal field when the agreement shares none', () => {
    const view = partnerView(referral, offer, terms([]));
    for (const field of ['person', 'location', 'narrative', 'consent', 'incidentReference']) {
      expect(view).not.toHaveProperty(field);
    }
    expect(view).toMatchObject({
      id: 'referral-1',
      category: 'mental-health-crisis',
      areaCode: 'dp3wj',
    });
  });

  it('shows exactly the person fields the agreement shares', () => {
    expect(partnerView(referral, offer, terms(['person.name', 'person.language'])).person).toEqual({
      name: 'Jordan Reyes',
      language: 'es',
    });
  });

  it('shares the address and the point of the location separately', () => {
    expect(partnerView(referral, offer, terms(['location.address'])).location).toEqual({
      address: '1 Main St',
    });
    expect(partnerView(referral, offer, terms(['location.point'])).location).toEqual({
      latitude: 41.87,
      longitude: -87.62,
    });
  });

  it("gives the partner's own offer status, not the referral's", () => {
    const declined = Object.assign(new Offer(), { ...offer, status: 'declined' });
    expect(partnerView(referral, declined, terms([])).status).toBe('declined');
  });
});

const ALL_PERSON: ShareableReferralField[] = ['person.name', 'person.phone', 'narrative'];
const NOTICE = '42 CFR part 2 prohibits unauthorized disclosure of these records.';
const consented = { obtained: true, method: 'verbal', obtainedBy: 'Officer' };
const overridden = {
  obtained: false,
  override: { reason: 'Imminent risk of harm to the person', authorizedBy: 'Sgt. Lee' },
};

describe('sharingDecision: consent and 42 CFR Part 2', () => {
  it('with consent a partner gets every field its agreement shares', () => {
    expect(
      sharingDecision(
        { category: 'homelessness', consent: consented },
        { sharedFields: ALL_PERSON },
      ),
    ).toEqual({ basis: 'consent', fields: ALL_PERSON });
  });

  it('without consent a partner gets only the fields its agreement shares without consent', () => {
    expect(
      sharingDecision(
        { category: 'homelessness', consent: overridden },
        { sharedFields: ALL_PERSON, sharedFieldsWithoutConsent: ['person.name'] },
      ),
    ).toEqual({ basis: 'override', fields: ['person.name'] });
  });

  it('without consent and no fields allowed without it, nothing personal is shared', () => {
    expect(
      sharingDecision({ category: 'youth', consent: overridden }, { sharedFields: ALL_PERSON }),
    ).toEqual({ basis: 'override', fields: [] });
  });

  it('fields shared without consent never exceed the fields shared with it', () => {
    expect(
      sharingDecision(
        { category: 'youth', consent: overridden },
        { sharedFields: ['person.name'], sharedFieldsWithoutConsent: ['person.name', 'narrative'] },
      ).fields,
    ).toEqual(['person.name']);
  });

  it('a substance-use referral with consent under Part 2 terms shares the fields with the notice', () => {
    expect(
      sharingDecision(
        { category: 'substance-use', consent: consented },
        { sharedFields: ALL_PERSON, part2: { redisclosureNotice: NOTICE } },
      ),
    ).toEqual({ basis: 'part2-consent', fields: ALL_PERSON, redisclosureNotice: NOTICE });
  });

  it('a substance-use referral shares nothing personal with a partner without Part 2 terms', () => {
    expect(
      sharingDecision(
        { category: 'substance-use', consent: consented },
        { sharedFields: ALL_PERSON, sharedFieldsWithoutConsent: ALL_PERSON },
      ),
    ).toEqual({ basis: 'part2-withheld', fields: [] });
  });

  it('an override does not suffice for a substance-use referral, even under Part 2 terms', () => {
    expect(
      sharingDecision(
        { category: 'substance-use', consent: overridden },
        {
          sharedFields: ALL_PERSON,
          sharedFieldsWithoutConsent: ALL_PERSON,
          part2: { redisclosureNotice: NOTICE },
        },
      ),
    ).toEqual({ basis: 'part2-withheld', fields: [] });
  });

  it.each([
    ['no override at all', { obtained: false }],
    ['an override with only who recorded it', { obtained: false, override: { recordedBy: 'x' } }],
    [
      'an override with an empty reason',
      { obtained: false, override: { reason: ' ', authorizedBy: 'Sgt. Lee' } },
    ],
    [
      'an override authorised by nobody',
      { obtained: false, override: { reason: 'Imminent risk of harm', authorizedBy: '' } },
    ],
  ])(
    'a referral stored with neither consent nor a complete override (%s) shares nothing personal',
    (_what, consent) => {
      expect(
        sharingDecision(
          { category: 'youth', consent: consent as Consent },
          { sharedFields: ALL_PERSON, sharedFieldsWithoutConsent: ALL_PERSON },
        ),
      ).toEqual({ basis: 'no-consent', fields: [] });
    },
  );

  it('an agreement unknown to referrals shares nothing personal', () => {
    expect(sharingDecision({ category: 'youth', consent: consented }, undefined)).toEqual({
      basis: 'no-terms',
      fields: [],
    });
  });
});

describe("a partner's view of a substance-use referral", () => {
  const substanceUse = Object.assign(new Referral(), { ...referral, category: 'substance-use' });

  it('carries the redisclosure notice and the shared person fields under Part 2 consent', () => {
    const view = partnerView(substanceUse, offer, {
      sharedFields: ['person.name'],
      part2: { redisclosureNotice: NOTICE },
    });
    expect(view).toMatchObject({
      sharingBasis: 'part2-consent',
      redisclosureNotice: NOTICE,
      person: { name: 'Jordan Reyes' },
    });
  });

  it('shows no personal field and no notice without Part 2 terms', () => {
    const view = partnerView(substanceUse, offer, terms(['person.name', 'narrative']));
    expect(view).not.toHaveProperty('person');
    expect(view).not.toHaveProperty('narrative');
    expect(view).not.toHaveProperty('redisclosureNotice');
    expect(view.sharedFields).toEqual([]);
  });
});
