import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { CryptoKey, exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import request from 'supertest';
import { startAuthTestApp } from '../test/auth-test.app';
import { discoveryUrl } from './oidc-discovery';

const AUDIENCE = 'concord';

/**
 * A stand-in for an OpenID provider's two public documents: its metadata (whatever `metadata`
 * returns, given the provider's own base URL) and its JWKS at /jwks.
 */
async function serveProvider(
  keys: JWK[],
  metadata: (base: string) => Record<string, unknown>,
): Promise<{ server: Server; base: string }> {
  let base = '';
  const server = createServer((incoming, response) => {
    const body =
      incoming.url === '/jwks'
        ? { keys }
        : incoming.url === '/.well-known/openid-configuration'
          ? metadata(base)
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base };
}

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));

function sign(key: CryptoKey, issuer: string): Promise<string> {
  return new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg: 'ES256', kid: 'op-1' })
    .setSubject('ops')
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setExpirationTime('5m')
    .sign(key);
}

describe('JwtAuthGuard with an OpenID provider found by discovery', () => {
  let key: CryptoKey;
  let jwk: JWK;
  const servers: Server[] = [];
  const apps: INestApplication[] = [];

  async function appTrusting(metadata: (base: string) => Record<string, unknown>) {
    const provider = await serveProvider([jwk], metadata);
    servers.push(provider.server);
    const app = await startAuthTestApp({
      issuer: provider.base,
      audience: AUDIENCE,
      oidcIssuer: provider.base,
    });
    apps.push(app);
    return { app, issuer: provider.base };
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'op-1', alg: 'ES256', use: 'sig' };
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all(servers.map(closeServer));
  });

  it('accepts a token signed by a key of the jwks_uri that the metadata names', async () => {
    const { app, issuer } = await appTrusting((base) => ({
      issuer: base,
      jwks_uri: `${base}/jwks`,
    }));
    await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await sign(key, issuer)}`)
      .expect(200, { subject: 'ops', role: 'admin' });
  });

  it('answers 503, not 401, when the metadata names another issuer than the configured one', async () => {
    const { app, issuer } = await appTrusting((base) => ({
      issuer: 'https://impostor.example',
      jwks_uri: `${base}/jwks`,
    }));
    await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await sign(key, issuer)}`)
      .expect(503);
  });

  it('answers 503 when the metadata has no http(s) jwks_uri', async () => {
    const { app, issuer } = await appTrusting((base) => ({
      issuer: base,
      jwks_uri: 'file:///jwks',
    }));
    await request(app.getHttpServer())
      .get('/me')
      .set('Authorization', `Bearer ${await sign(key, issuer)}`)
      .expect(503);
  });
});

describe('discoveryUrl', () => {
  it('appends /.well-known/openid-configuration to the issuer, path kept, trailing slash dropped', () => {
    expect(discoveryUrl('https://login.microsoftonline.com/tenant/v2.0/').href).toBe(
      'https://login.microsoftonline.com/tenant/v2.0/.well-known/openid-configuration',
    );
  });
});
