import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, JWK, SignJWT } from 'jose';
import { crisisCall } from '../support/hand-off-system';
import { createTestDatabase, dropTestDatabase, freePort } from '../support/infrastructure';
import { OidcClient, OidcProviderProcess, signingKey } from '../support/oidc-provider';
import { ROOT, ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

const REFERRALS = scriptOf('referrals');
const AGENCY = randomUUID();
const PARTNER = randomUUID();
const REDIRECT_URI = 'http://127.0.0.1/callback';
const CONCORD = 'urn:concord'; // resource indicator whose tokens have audience `concord`

const CAD: OidcClient = {
  client_id: 'cad-dispatch',
  client_secret: 'cad-dispatch-secret',
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
  claims: { role: 'dispatcher', org: AGENCY },
};
/** The claims a Keycloak realm gives a CAD client: realm roles, an `agency` attribute. */
const KEYCLOAK_CAD: OidcClient = {
  client_id: 'keycloak-cad',
  client_secret: 'keycloak-cad-secret',
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
  claims: {
    realm_access: { roles: ['offline_access', 'uma_authorization', 'cad-client'] },
    agency: AGENCY,
  },
};
/** A public client (no secret) for people: authorization code with PKCE. */
const CONSOLE: OidcClient = {
  client_id: 'concord-console',
  token_endpoint_auth_method: 'none',
  application_type: 'native',
  grant_types: ['authorization_code'],
  response_types: ['code'],
  redirect_uris: [REDIRECT_URI],
};
const ACCOUNTS = { 'case-worker-1': { role: 'partner', org: PARTNER } };

/** The answer a service gives a token, with the message of a refusal. */
async function call(
  service: ServiceProcess,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const answer = await fetch(`${service.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await answer.text();
  return { status: answer.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function startProvider(keys: JWK[]): Promise<OidcProviderProcess> {
  return new OidcProviderProcess({
    port: await freePort(),
    keys,
    clients: [CAD, KEYCLOAK_CAD, CONSOLE],
    accounts: ACCOUNTS,
  }).start();
}

/** referrals from dist/, trusting only the provider: no development key file. */
function referralsTrusting(
  issuer: string,
  databaseUrl: string,
  port: number,
  extra: Record<string, string> = {},
): ServiceProcess {
  return new ServiceProcess(REFERRALS, {
    HTTP_PORT: String(port),
    DATABASE_URL: databaseUrl,
    AUTH_OIDC_ISSUER: issuer,
    AUTH_PUBLIC_KEY_FILE: '',
    ...extra,
  });
}

describe('a service trusting a real OpenID provider (AUTH_OIDC_ISSUER)', () => {
  let keyA: JWK;
  let provider: OidcProviderProcess;
  let databaseUrl: string;
  let referrals: ServiceProcess;

  const cadToken = (resource = CONCORD): Promise<string> =>
    provider.clientCredentialsToken(CAD.client_id, CAD.client_secret as string, resource);

  beforeAll(async () => {
    keyA = await signingKey('key-a');
    provider = await startProvider([keyA]);
    databaseUrl = await createTestDatabase('oidc');
    referrals = await referralsTrusting(provider.issuer, databaseUrl, await freePort(), {
      // Every token with an unknown kid refetches the key set, so rotation shows at once.
      AUTH_JWKS_COOLDOWN_SECONDS: '0',
    }).startHealthy();
  });

  afterAll(async () => {
    await referrals?.stop();
    await provider?.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it("accepts a CAD system's client-credentials token and applies its role and organisation", async () => {
    const answer = await call(referrals, await cadToken(), 'POST', '/referrals', crisisCall());
    expect(answer.status).toBe(201);
    expect(answer.body.agencyId).toBe(AGENCY);
  });

  it("accepts a person's authorization-code token obtained with PKCE, with their account's role", async () => {
    const token = await provider.authorizationCodeToken(
      CONSOLE.client_id,
      REDIRECT_URI,
      'case-worker-1',
      CONCORD,
    );
    expect(decodeJwt(token)).toMatchObject({ sub: 'case-worker-1', aud: 'concord' });
    expect((await call(referrals, token, 'GET', '/referrals')).status).toBe(200);
    // The account is partner staff, so it may not hand calls over as dispatch does.
    const submit = await call(referrals, token, 'POST', '/referrals', crisisCall());
    expect(submit.status).toBe(403);
    expect(submit.body.message).toContain('role partner may not do this');
  });

  it('refuses with 401 a token the provider issued for another audience', async () => {
    const token = await cadToken('urn:other-api');
    expect(decodeJwt(token).aud).toBe('other-api');
    const answer = await call(referrals, token, 'GET', '/referrals');
    expect(answer.status).toBe(401);
    expect(answer.body.message).toBe('token audience is not accepted');
  });

  it("refuses with 401 a token signed with the provider's key that names another issuer", async () => {
    const token = await new SignJWT({ role: 'dispatcher', org: AGENCY })
      .setProtectedHeader({ alg: 'ES256', kid: 'key-a' })
      .setIssuer('https://impostor.example')
      .setAudience('concord')
      .setSubject('cad-dispatch')
      .setExpirationTime('5m')
      .sign(await importJWK(keyA, 'ES256'));
    const answer = await call(referrals, token, 'GET', '/referrals');
    expect(answer.status).toBe(401);
    expect(answer.body.message).toBe('token issuer is not accepted');
  });

  it('accepts tokens of a rotated signing key without a restart, and old tokens while their key is published', async () => {
    const old = await cadToken();
    expect((await call(referrals, old, 'GET', '/referrals')).status).toBe(200);

    await provider.restartWithKeys([await signingKey('key-b'), keyA]);
    const fresh = await cadToken();
    expect(decodeProtectedHeader(fresh).kid).toBe('key-b');

    expect((await call(referrals, fresh, 'GET', '/referrals')).status).toBe(200);
    expect((await call(referrals, old, 'GET', '/referrals')).status).toBe(200);
    expect(referrals.exitCode).toBeNull(); // the same process throughout
  });
});

describe('claim mapping (AUTH_ROLE_CLAIM, AUTH_ROLE_MAP, AUTH_ORG_CLAIM)', () => {
  let provider: OidcProviderProcess;
  let databaseUrl: string;
  let referrals: ServiceProcess;

  beforeAll(async () => {
    provider = await startProvider([await signingKey('key-k')]);
    databaseUrl = await createTestDatabase('oidc_map');
    referrals = await referralsTrusting(provider.issuer, databaseUrl, await freePort(), {
      AUTH_ROLE_CLAIM: 'realm_access.roles',
      AUTH_ROLE_MAP: 'cad-client=dispatcher,case-worker=partner',
      AUTH_ORG_CLAIM: 'agency',
    }).startHealthy();
  });

  afterAll(async () => {
    await referrals?.stop();
    await provider?.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('maps a Keycloak realm role list and an agency attribute onto role and organisation', async () => {
    const token = await provider.clientCredentialsToken(
      KEYCLOAK_CAD.client_id,
      KEYCLOAK_CAD.client_secret as string,
      CONCORD,
    );
    const answer = await call(referrals, token, 'POST', '/referrals', crisisCall());
    expect(answer.status).toBe(201);
    expect(answer.body.agencyId).toBe(AGENCY);
  });

  it('refuses with 401, naming the mapped claim, a token whose roles the map does not list', async () => {
    const token = await provider.clientCredentialsToken(
      CAD.client_id,
      CAD.client_secret as string,
      CONCORD,
    );
    const answer = await call(referrals, token, 'GET', '/referrals');
    expect(answer.status).toBe(401);
    expect(answer.body.message).toBe(
      'token claim realm_access.roles must be one of cad-client, case-worker',
    );
  });
});

describe('a service whose OpenID provider is down when it starts', () => {
  it('starts, answers 503 while the provider is unreachable, and accepts tokens once it is up', async () => {
    const key = await signingKey('key-late');
    const provider = new OidcProviderProcess({
      port: await freePort(),
      keys: [key],
      clients: [CAD],
    });
    const databaseUrl = await createTestDatabase('oidc_late');
    const referrals = referralsTrusting(provider.issuer, databaseUrl, await freePort());
    try {
      await referrals.startHealthy();
      const early = await new SignJWT({ role: 'dispatcher', org: AGENCY })
        .setProtectedHeader({ alg: 'ES256', kid: 'key-late' })
        .setIssuer(provider.issuer)
        .setAudience('concord')
        .setSubject('cad-dispatch')
        .setExpirationTime('5m')
        .sign(await importJWK(key, 'ES256'));
      expect((await call(referrals, early, 'GET', '/referrals')).status).toBe(503);

      await provider.start();
      expect((await call(referrals, early, 'GET', '/referrals')).status).toBe(200);
    } finally {
      await referrals.stop();
      await provider.stop();
      await dropTestDatabase(databaseUrl);
    }
  });
});

describe('in production (NODE_ENV=production)', () => {
  it('npm run token refuses to mint a development token, exits non-zero and says why', () => {
    const run = spawnSync(process.execPath, ['dist/scripts/token.js', '--role', 'admin'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the development token command is disabled in production');
  });

  it('a service with only AUTH_PUBLIC_KEY_FILE refuses to start (exit 78), naming the settings it needs', async () => {
    const service = new ServiceProcess(REFERRALS, {
      NODE_ENV: 'production',
      // The suite's broker is plaintext, which production refuses too unless told otherwise.
      KAFKA_ALLOW_PLAINTEXT: 'true',
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord_test_never_opened',
    }).start();
    expect(await service.waitForExit()).toBe(78);
    expect(service.output).toMatch(/- AUTH_JWKS_URL: .*set AUTH_OIDC_ISSUER or AUTH_JWKS_URL/);
  });
});

describe('a service with a bad identity setting', () => {
  it('stops at start-up (exit 78) naming AUTH_ROLE_MAP and the entry that is wrong', async () => {
    const service = new ServiceProcess(REFERRALS, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord_test_never_opened',
      AUTH_OIDC_ISSUER: 'https://sso.example.gov/realms/concord',
      AUTH_ROLE_MAP: 'cad-client=dispatcher,case-worker=caseworker',
    }).start();
    expect(await service.waitForExit()).toBe(78);
    expect(service.output).toMatch(
      /- AUTH_ROLE_MAP: .*"case-worker=caseworker" maps to caseworker, not one of dispatcher, partner, admin, auditor/,
    );
  });
});
