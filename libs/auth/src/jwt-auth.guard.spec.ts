import { ExecutionContext, INestApplication } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { CryptoKey, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { App } from 'supertest/types';
import { startAuthTestApp } from '../test/auth-test.app';
import { mintToken } from './dev-keys';
import { JwtAuthGuard } from './jwt-auth.guard';
import { Role } from './role';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'https://id.concord.test';
const AUDIENCE = 'concord-api';
const ORG = '3f2b8c1e-5d4a-4e6f-9a7b-0c1d2e3f4a5b';

interface KeyPair {
  privateKey: CryptoKey;
  privateKeyPem: string;
  publicKeyPem: string;
}

async function newKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    privateKey,
    privateKeyPem: await exportPKCS8(privateKey),
    publicKeyPem: await exportSPKI(publicKey),
  };
}

describe('JwtAuthGuard with a local public key', () => {
  let keys: KeyPair;
  let app: INestApplication<App>;

  const token = (
    role: Role,
    organizationId: string | undefined,
    overrides: { key?: string; audience?: string; issuer?: string; expiresIn?: string } = {},
  ): Promise<string> =>
    mintToken(
      overrides.key ?? keys.privateKeyPem,
      { subject: 'user-17', role, organizationId },
      {
        issuer: overrides.issuer ?? ISSUER,
        audience: overrides.audience ?? AUDIENCE,
        expiresIn: overrides.expiresIn,
      },
    );

  /** For claims that mintToken refuses to produce. */
  const rawToken = (claims: Record<string, unknown>): Promise<string> =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('user-17')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(keys.privateKey);

  const expectUnauthorized = async (
    authorization: string | undefined,
    message: string,
  ): Promise<void> => {
    const call = request(app.getHttpServer()).get('/me');
    const response = await (authorization === undefined
      ? call
      : call.set('Authorization', authorization));
    expect(response.status).toBe(401);
    expect(response.body.message).toBe(message);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
  };

  beforeAll(async () => {
    keys = await newKeyPair();
    app = await startAuthTestApp({
      issuer: ISSUER,
      audience: AUDIENCE,
      publicKeyPem: keys.publicKeyPem,
    });
  });

  afterAll(async () => {
    await app.close();
  });

  it('a public route answers without a token', async () => {
    await request(app.getHttpServer()).get('/health').expect(200, { status: 'ok' });
  });

  it('a request without a token is rejected as unauthenticated', async () => {
    await expectUnauthorized(undefined, 'missing bearer token');
  });

  it('an authorization header that is not a bearer token is rejected', async () => {
    await expectUnauthorized('Basic dXNlcjpwYXNz', "authorization header must be 'Bearer <token>'");
  });

  it('a bearer value that is not a JWT is rejected as malformed', async () => {
    await expectUnauthorized('Bearer not-a-jwt', 'token is malformed');
  });

  it('an expired token is rejected', async () => {
    await expectUnauthorized(
      `Bearer ${await token('admin', undefined, { expiresIn: '-1m' })}`,
      'token expired',
    );
  });

  it('a token signed by another key is rejected', async () => {
    const stranger = await newKeyPair();
    await expectUnauthorized(
      `Bearer ${await token('admin', undefined, { key: stranger.privateKeyPem })}`,
      'token signature invalid',
    );
  });

  it('a token for another audience is rejected', async () => {
    await expectUnauthorized(
      `Bearer ${await token('admin', undefined, { audience: 'someone-else' })}`,
      'token audience is not accepted',
    );
  });

  it('a token from another issuer is rejected', async () => {
    await expectUnauthorized(
      `Bearer ${await token('admin', undefined, { issuer: 'https://evil.test' })}`,
      'token issuer is not accepted',
    );
  });

  it('a token without an expiry is rejected', async () => {
    const unbounded = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('user-17')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(keys.privateKey);
    await expectUnauthorized(`Bearer ${unbounded}`, 'token claim exp is missing');
  });

  it('a token with an unknown role is rejected', async () => {
    await expectUnauthorized(
      `Bearer ${await rawToken({ role: 'superuser' })}`,
      'token claim role must be one of dispatcher, partner, admin, auditor',
    );
  });

  it('a partner token without an organisation is rejected', async () => {
    await expectUnauthorized(
      `Bearer ${await rawToken({ role: 'partner' })}`,
      'token claim org is required for role partner',
    );
  });

  it('a token whose organisation is not a UUID is rejected', async () => {
    await expectUnauthorized(
      `Bearer ${await rawToken({ role: 'partner', org: 'acme' })}`,
      'token claim org must be a UUID',
    );
  });

  it('a valid token reaches the handler as its caller', async () => {
    await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await token('partner', ORG)}`)
      .expect(200, { subject: 'user-17', role: 'partner', organizationId: ORG });
  });

  it('an auditor without an organisation is a valid caller', async () => {
    await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `bearer ${await token('auditor', undefined)}`)
      .expect(200, { subject: 'user-17', role: 'auditor' });
  });

  it('a role not listed in @Roles is forbidden', async () => {
    const response = await request(app.getHttpServer())
      .get('/dispatch')
      .set('Authorization', `Bearer ${await token('partner', ORG)}`);
    expect(response.status).toBe(403);
    expect(response.body.message).toBe('role partner may not do this; allowed: dispatcher');
  });

  it('a role listed in @Roles gets through with its caller', async () => {
    await request(app.getHttpServer())
      .get('/dispatch')
      .set('Authorization', `Bearer ${await token('dispatcher', ORG)}`)
      .expect(200, { subject: 'user-17', role: 'dispatcher', organizationId: ORG });
  });

  it('a route that declares neither @Roles nor @Public is refused to every role', async () => {
    for (const [role, org] of [
      ['admin', undefined],
      ['auditor', undefined],
      ['dispatcher', ORG],
      ['partner', ORG],
    ] as const) {
      const response = await request(app.getHttpServer())
        .get('/undeclared')
        .set('Authorization', `Bearer ${await token(role, org)}`);
      expect(response.status).toBe(403);
      expect(response.body.message).toBe('this route declares no roles, so no one may call it');
    }
  });

  it('@Roles on a controller applies to its handlers', async () => {
    await request(app.getHttpServer())
      .get('/admin')
      .set('Authorization', `Bearer ${await token('auditor', undefined)}`)
      .expect(403);
    await request(app.getHttpServer())
      .get('/admin')
      .set('Authorization', `Bearer ${await token('admin', undefined)}`)
      .expect(200);
  });

  it("a handler's @Roles replaces its controller's", async () => {
    await request(app.getHttpServer())
      .get('/admin/audit')
      .set('Authorization', `Bearer ${await token('auditor', undefined)}`)
      .expect(200);
    await request(app.getHttpServer())
      .get('/admin/audit')
      .set('Authorization', `Bearer ${await token('admin', undefined)}`)
      .expect(403);
  });

  it('a token is not checked for non-HTTP handlers such as Kafka consumers', async () => {
    const verifier = { verify: jest.fn() } as unknown as TokenVerifier;
    const guard = new JwtAuthGuard(new Reflector(), verifier, new HttpAdapterHost());
    const rpc = { getType: () => 'rpc' } as unknown as ExecutionContext;
    await expect(guard.canActivate(rpc)).resolves.toBe(true);
    expect(verifier.verify).not.toHaveBeenCalled();
  });
});
