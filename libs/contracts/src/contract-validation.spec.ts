import { ContractViolation, toPayload } from './contract-validation';
import { ReferralEvents } from './events/referral.events';

const submitted = {
  referralId: '6f1c2a8e-8a0b-4b5e-9f67-1a2b3c4d5e6f',
  agencyId: '0b7f9c1e-2d3a-4e5b-8c6d-7e8f9a0b1c2d',
  incidentReference: 'CAD-2026-118822',
  category: 'mental-health-crisis',
  urgency: 'immediate',
  areaCode: '9q8yy',
  submittedAt: '2026-11-22T03:00:00.000Z',
};

describe('event contracts', () => {
  it('accept a payload that satisfies the rules', () => {
    expect(toPayload(ReferralEvents.submitted, submitted)).toMatchObject(submitted);
  });

  it('name the field and the rule of every violation', () => {
    const attempt = () =>
      toPayload(ReferralEvents.submitted, { ...submitted, referralId: 'x', urgency: 'soon' });
    expect(attempt).toThrow(ContractViolation);
    expect(attempt).toThrow(/referralId violates isUuid/);
    expect(attempt).toThrow(/urgency violates isIn/);
  });

  it('refuse fields the contract does not have, such as personal data', () => {
    expect(() =>
      toPayload(ReferralEvents.submitted, { ...submitted, personName: 'Jane Doe' }),
    ).toThrow(/personName violates whitelistValidation/);
  });

  it('refuse data that is not an object', () => {
    expect(() => toPayload(ReferralEvents.submitted, [submitted])).toThrow(
      /data must be a JSON object/,
    );
  });
});
