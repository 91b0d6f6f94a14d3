import { authOptionsFrom } from './auth-options';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';

const BASE = {
  HTTP_PORT: '3000',
  DATABASE_URL: 'postgres://concord@127.0.0.1:5432/concord_referrals',
  KAFKA_BROKERS: '127.0.0.1:9092',
};
const ISSUER = 'https://login.example.gov/realms/concord';

describe('the identity settings of a service', () => {
  it('in production accept AUTH_OIDC_ISSUER alone, which then sets the expected issuer', () => {
    const config = loadConfig(ServiceConfig, {
      ...BASE,
      NODE_ENV: 'production',
      KAFKA_ALLOW_PLAINTEXT: 'true', // the Kafka settings have tests of their own
      AUTH_OIDC_ISSUER: ISSUER,
    });
    expect(authOptionsFrom(config)).toMatchObject({ issuer: ISSUER, oidcIssuer: ISSUER });
  });

  it('in production refuse AUTH_PUBLIC_KEY_FILE alone, naming AUTH_JWKS_URL and AUTH_OIDC_ISSUER', () => {
    expect(() =>
      loadConfig(ServiceConfig, {
        ...BASE,
        NODE_ENV: 'production',
        AUTH_PUBLIC_KEY_FILE: '/keys/dev-public.pem',
      }),
    ).toThrow(/AUTH_JWKS_URL: .*set AUTH_OIDC_ISSUER or AUTH_JWKS_URL/);
  });

  it('refuse an AUTH_OIDC_ISSUER that is not an http(s) URL, naming it', () => {
    expect(() =>
      loadConfig(ServiceConfig, { ...BASE, AUTH_OIDC_ISSUER: 'login.example.gov' }),
    ).toThrow(/AUTH_OIDC_ISSUER: AUTH_OIDC_ISSUER must be an http\(s\) URL/);
  });

  it('refuse AUTH_OIDC_ISSUER together with AUTH_JWKS_URL', () => {
    const config = loadConfig(ServiceConfig, {
      ...BASE,
      AUTH_OIDC_ISSUER: ISSUER,
      AUTH_JWKS_URL: `${ISSUER}/protocol/openid-connect/certs`,
    });
    expect(() => authOptionsFrom(config)).toThrow(ConfigError);
    expect(() => authOptionsFrom(config)).toThrow(
      /AUTH_JWKS_URL: not together with AUTH_OIDC_ISSUER/,
    );
  });

  it('map roles and organisation through AUTH_ROLE_CLAIM, AUTH_ROLE_MAP and AUTH_ORG_CLAIM', () => {
    const config = loadConfig(ServiceConfig, {
      ...BASE,
      AUTH_OIDC_ISSUER: ISSUER,
      AUTH_ROLE_CLAIM: 'realm_access.roles',
      AUTH_ROLE_MAP: 'cad-client=dispatcher,case-worker=partner',
      AUTH_ORG_CLAIM: 'agency',
    });
    expect(authOptionsFrom(config).claims).toEqual({
      roleClaim: 'realm_access.roles',
      orgClaim: 'agency',
      roleMap: new Map([
        ['cad-client', 'dispatcher'],
        ['case-worker', 'partner'],
      ]),
    });
  });

  it('default to the role and org claims, unmapped, and a 30 s key-set cooldown', () => {
    const options = authOptionsFrom(
      loadConfig(ServiceConfig, { ...BASE, AUTH_OIDC_ISSUER: ISSUER }),
    );
    expect(options.claims).toEqual({ roleClaim: 'role', orgClaim: 'org', roleMap: new Map() });
    expect(options.jwksCooldownSeconds).toBe(30);
  });

  it.each([
    [
      'AUTH_ROLE_MAP',
      'cad-client=root',
      /AUTH_ROLE_MAP: AUTH_ROLE_MAP must be provider-role=concord-role pairs .*: "cad-client=root" maps to root/,
    ],
    [
      'AUTH_ROLE_CLAIM',
      'realm_access..roles',
      /AUTH_ROLE_CLAIM: AUTH_ROLE_CLAIM must be a claim name or a dotted path/,
    ],
    [
      'AUTH_ORG_CLAIM',
      'has space',
      /AUTH_ORG_CLAIM: AUTH_ORG_CLAIM must be a claim name or a dotted path/,
    ],
    ['AUTH_JWKS_COOLDOWN_SECONDS', '-1', /AUTH_JWKS_COOLDOWN_SECONDS: .*must not be less than 0/],
  ])('refuse a bad %s, naming it', (name, value, message) => {
    expect(() =>
      loadConfig(ServiceConfig, { ...BASE, AUTH_OIDC_ISSUER: ISSUER, [name]: value }),
    ).toThrow(message);
  });
});
