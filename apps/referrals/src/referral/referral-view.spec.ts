import { Offer } from '../assignment/offer.entity';
import { Referral } from './referral.entity';
import { partnerView } from './referral-view';

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
  submittedAt: new Date('2026-11-22T10:00:00Z'),
} satisfies Partial<Referral>);

const offer = Object.assign(new Offer(), {
  attempt: 1,
  status: 'offered',
  offeredAt: new Date('2026-11-22T10:00:01Z'),
  acceptBy: new Date('2026-11-22T14:00:01Z'),
} satisfies Partial<Offer>);

describe("a partner's view of a referral", () => {
  it('shows no personal field when the agreement shares none', () => {
    const view = partnerView(referral, offer, []);
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
    expect(partnerView(referral, offer, ['person.name', 'person.language']).person).toEqual({
      name: 'Jordan Reyes',
      language: 'es',
    });
  });

  it('shares the address and the point of the location separately', () => {
    expect(partnerView(referral, offer, ['location.address']).location).toEqual({
      address: '1 Main St',
    });
    expect(partnerView(referral, offer, ['location.point']).location).toEqual({
      latitude: 41.87,
      longitude: -87.62,
    });
  });

  it("gives the partner's own offer status, not the referral's", () => {
    const declined = Object.assign(new Offer(), { ...offer, status: 'declined' });
    expect(partnerView(referral, declined, []).status).toBe('declined');
  });
});
