import { claimValue, parseRoleMap, roleFromClaim } from './claim-mapping';
import { callerFromClaims } from './token-claims';

const ORG = '3f2b8c1e-9d4a-4e6f-8a7b-1c2d3e4f5a6b';
const KEYCLOAK = {
  roleClaim: 'realm_access.roles',
  orgClaim: 'agency',
  roleMap: new Map([
    ['cad-client', 'dispatcher'],
    ['case-worker', 'partner'],
  ] as const),
};

describe('parseRoleMap', () => {
  it('reads name=role pairs separated by commas, ignoring spaces', () => {
    const parsed = parseRoleMap(' cad-client = dispatcher ,case-worker=partner');
    expect(parsed).toEqual({
      ok: true,
      roleMap: new Map([
        ['cad-client', 'dispatcher'],
        ['case-worker', 'partner'],
      ]),
    });
  });

  it('refuses a target that is not a Concord role, naming the entry and the roles', () => {
    expect(parseRoleMap('cad-client=root')).toEqual({
      ok: false,
      error: '"cad-client=root" maps to root, not one of dispatcher, partner, admin, auditor',
    });
  });

  it.each(['cad-client', '=dispatcher', 'a=b=dispatcher', ''])(
    'refuses %j, which is not name=role',
    (text) => {
      expect(parseRoleMap(text)).toMatchObject({
        ok: false,
        error: expect.stringContaining('is not name=role'),
      });
    },
  );

  it('refuses one provider role mapped to two Concord roles', () => {
    expect(parseRoleMap('staff=partner,staff=admin')).toEqual({
      ok: false,
      error: 'staff is mapped to two roles',
    });
  });
});

describe('claimValue', () => {
  it('follows a dotted path into nested claims', () => {
    expect(claimValue({ realm_access: { roles: ['a'] } }, 'realm_access.roles')).toEqual(['a']);
  });

  it('prefers a claim whose own name contains dots (a namespaced claim)', () => {
    expect(claimValue({ 'https://concord.example/org': ORG }, 'https://concord.example/org')).toBe(
      ORG,
    );
  });

  it('is undefined when the path leaves the object or is missing', () => {
    expect(claimValue({ realm_access: 'x' }, 'realm_access.roles')).toBeUndefined();
    expect(claimValue({}, 'realm_access.roles')).toBeUndefined();
  });

  it('does not read inherited properties such as constructor or __proto__', () => {
    expect(claimValue({}, 'constructor')).toBeUndefined();
    expect(claimValue({ a: {} }, 'a.__proto__')).toBeUndefined();
  });
});

describe('roleFromClaim', () => {
  it('takes the first value of a list that is a Concord role', () => {
    expect(roleFromClaim(['offline_access', 'auditor', 'admin'], new Map())).toBe('auditor');
  });

  it('with a role map, takes only the names it lists (an allow-list)', () => {
    expect(roleFromClaim(['admin', 'case-worker'], KEYCLOAK.roleMap)).toBe('partner');
    expect(roleFromClaim(['admin'], KEYCLOAK.roleMap)).toBeUndefined();
  });

  it('ignores values that are not strings', () => {
    expect(roleFromClaim([{ role: 'admin' }, 42, 'partner'], new Map())).toBe('partner');
  });
});

describe('callerFromClaims with a claim mapping', () => {
  it('reads a Keycloak-shaped token: role from realm_access.roles through the map, org from agency', () => {
    const claims = {
      sub: 'cad-1',
      realm_access: { roles: ['uma_authorization', 'cad-client'] },
      agency: ORG,
    };
    expect(callerFromClaims(claims, KEYCLOAK)).toEqual({
      subject: 'cad-1',
      role: 'dispatcher',
      organizationId: ORG,
    });
  });

  it('names the mapped role claim and the accepted names when no role maps', () => {
    expect(() =>
      callerFromClaims({ sub: 'x', realm_access: { roles: ['admin'] }, agency: ORG }, KEYCLOAK),
    ).toThrow('token claim realm_access.roles must be one of cad-client, case-worker');
  });

  it('names the mapped organisation claim when it is missing or not a UUID', () => {
    const claims = { sub: 'x', realm_access: { roles: ['case-worker'] } };
    expect(() => callerFromClaims(claims, KEYCLOAK)).toThrow(
      'token claim agency is required for role partner',
    );
    expect(() => callerFromClaims({ ...claims, agency: 'north' }, KEYCLOAK)).toThrow(
      'token claim agency must be a UUID',
    );
  });
});
