import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { CryptoKey, exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import request from 'supertest';
import { App } from 'supertest/types';
import { startAuthTestApp } from '../test/auth-test.app';

const ISSUER = 'https://id.concord.test';
const AUDIENCE = 'concord-api';

/** Serves `keys` as a JSON Web Key Set the way an identity provider does. */
async function serveJwks(keys: JWK[]): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/.well-known/jwks.json` };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
}

function sign(key: CryptoKey, alg: 'ES256' | 'RS256', kid: string): Promise<string> {
  return new SignJWT({ role: 'admin' })
    .setProtectedHeader({ alg, kid })
    .setSubject('client-ops')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setExpirationTime('5m')
    .sign(key);
}

describe('JwtAuthGuard with a remote JSON Web Key Set', () => {
  let ecKey: CryptoKey;
  let rsaKey: CryptoKey;
  let jwks: { server: Server; url: string };
  let app: INestApplication<App>;

  const getMe = (token: string): request.Test =>
    request(app.getHttpServer()).get('/me').set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const ec = await generateKeyPair('ES256');
    const rsa = await generateKeyPair('RS256');
    ecKey = ec.privateKey;
    rsaKey = rsa.privateKey;
    jwks = await serveJwks([
      { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    ]);
    app = await startAuthTestApp({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: jwks.url });
  });

  afterAll(async () => {
    await app.close();
    await closeServer(jwks.server);
  });

  it('an ES256 token signed by a key in the key set is accepted', async () => {
    await getMe(await sign(ecKey, 'ES256', 'ec-1')).expect(200, {
      subject: 'client-ops',
      role: 'admin',
    });
  });

  it('an RS256 token signed by a key in the key set is accepted', async () => {
    await getMe(await sign(rsaKey, 'RS256', 'rsa-1')).expect(200);
  });

  it('a token signed by another key under a known kid is rejected', async () => {
    const { privateKey: stranger } = await generateKeyPair('ES256');
    const response = await getMe(await sign(stranger, 'ES256', 'ec-1'));
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('token signature invalid');
    expect(response.headers['www-authenticate']).toMatch(/^Bearer\b/);
  });

  it('a token whose kid is not in the key set is rejected', async () => {
    const { privateKey: stranger } = await generateKeyPair('ES256');
    const response = await getMe(await sign(stranger, 'ES256', 'unknown'));
    expect(response.status).toBe(401);
    expect(response.body.message).toBe('token signing key is not in the key set');
  });

  it('an unreachable key set answers 503, not 401, so clients keep their token', async () => {
    const gone = await serveJwks([]);
    await closeServer(gone.server);
    const offline = await startAuthTestApp({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUrl: gone.url,
    });
    try {
      await request(offline.getHttpServer())
        .get('/me')
        .set('Authorization', `Bearer ${await sign(ecKey, 'ES256', 'ec-1')}`)
        .expect(503);
    } finally {
      await offline.close();
    }
  });
});
