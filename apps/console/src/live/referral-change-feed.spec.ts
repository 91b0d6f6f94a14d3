import { maySee, Viewer } from './referral-change-feed';

const AGENCY = '11111111-1111-4111-8111-111111111111';
const OTHER_AGENCY = '22222222-2222-4222-8222-222222222222';
const ALPHA = '33333333-3333-4333-8333-333333333333';
const BRAVO = '44444444-4444-4444-8444-444444444444';

const change = { agency_id: AGENCY, partner_ids: [ALPHA] };
const as = (role: Viewer['role'], organizationId: string | null = null): Viewer => ({
  role,
  organizationId,
});

describe('who hears that a referral changed', () => {
  it('is every administrator, the agency that submitted it and each partner it was offered to', () => {
    expect({
      admin: maySee(as('admin'), change),
      dispatcher: maySee(as('dispatcher', AGENCY), change),
      partner: maySee(as('partner', ALPHA), change),
    }).toEqual({ admin: true, dispatcher: true, partner: true });
  });

  it('is never another agency, a partner it was not offered to, or an auditor', () => {
    expect({
      otherAgency: maySee(as('dispatcher', OTHER_AGENCY), change),
      otherPartner: maySee(as('partner', BRAVO), change),
      auditor: maySee(as('auditor'), change),
      dispatcherWithoutOrganisation: maySee(as('dispatcher'), { ...change, agency_id: null }),
    }).toEqual({
      otherAgency: false,
      otherPartner: false,
      auditor: false,
      dispatcherWithoutOrganisation: false,
    });
  });
});
