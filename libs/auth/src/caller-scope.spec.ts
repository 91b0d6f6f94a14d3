import { mayReach, organizationScopeOf } from './caller-scope';

const A = '3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b';
const B = '9a1c2d3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e';

describe('organizationScopeOf', () => {
  it('confines a dispatcher or partner to its own organisation', () => {
    expect(organizationScopeOf({ subject: 'd', role: 'dispatcher', organizationId: A })).toBe(A);
    expect(organizationScopeOf({ subject: 'p', role: 'partner', organizationId: B })).toBe(B);
  });

  it('leaves admins and auditors programme-wide even when their token names an organisation', () => {
    expect(organizationScopeOf({ subject: 'a', role: 'admin', organizationId: A })).toBeNull();
    expect(organizationScopeOf({ subject: 'u', role: 'auditor' })).toBeNull();
  });

  it('refuses a partner caller without an organisation instead of widening its scope', () => {
    expect(() => organizationScopeOf({ subject: 'p', role: 'partner' })).toThrow(
      'a partner caller has no organisation',
    );
  });
});

describe('mayReach', () => {
  it("a partner reaches an object owned by its organisation and not another's", () => {
    const partner = { subject: 'p', role: 'partner', organizationId: A } as const;
    expect(mayReach(partner, A)).toBe(true);
    expect(mayReach(partner, B, null)).toBe(false);
  });

  it('an auditor reaches any organisation’s object', () => {
    expect(mayReach({ subject: 'u', role: 'auditor' }, B)).toBe(true);
  });
});
