import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, mintToken } from '@concord/auth';
import { createTestDatabase, dropTestDatabase, freePort } from '../support/infrastructure';
import { ROOT, ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

const RATE_LIMIT = 5;
const ALLOWED_ORIGIN = 'https://console.example.org';

/** A token of its own subject, so each test has its own rate-limit bucket. */
const tokenOfNewSubject = (): Promise<string> =>
  mintToken(
    readFileSync(resolve(ROOT, '.cache/dev-keys/dev-private.pem'), 'utf8'),
    { subject: `front-door-${randomUUID()}`, role: 'admin' },
    { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
  );

/**
 * The HTTP front door every service shares (libs/platform http-hardening), on one referrals
 * process with a small body limit and rate limit and one allowed CORS origin.
 */
describe('the HTTP front door', () => {
  let service: ServiceProcess;
  let databaseUrl: string;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('front_door');
    service = await new ServiceProcess(scriptOf('referrals'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      HTTP_BODY_LIMIT: '1kb',
      RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      CORS_ORIGINS: ALLOWED_ORIGIN,
    }).startHealthy(90_000);
  }, 120_000);

  afterAll(async () => {
    await service?.stop();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  const post = async (token: string, body: string, contentType = 'application/json') =>
    fetch(`${service.url}/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body,
    });

  it('refuses a body larger than HTTP_BODY_LIMIT with 413 naming the limit', async () => {
    const answer = await post(
      await tokenOfNewSubject(),
      JSON.stringify({ narrative: 'x'.repeat(2000) }),
    );
    expect([answer.status, await answer.json()]).toEqual([
      413,
      expect.objectContaining({ message: ['body must be at most 1kb (HTTP_BODY_LIMIT)'] }),
    ]);
  });

  it('answers 413 from Content-Length before the body is sent', async () => {
    const status = await new Promise<number>((done, fail) => {
      const request = httpRequest(`${service.url}/referrals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) },
      });
      request.on('response', (response) => done(response.statusCode ?? 0));
      request.on('error', fail);
      request.write('{"narrative":"'); // 50 MB announced, a few bytes sent, then we wait
    });
    expect(status).toBe(413);
  });

  it('refuses a body that is not JSON with 415 naming the Content-Type header', async () => {
    const answer = await post(
      await tokenOfNewSubject(),
      'narrative=x',
      'application/x-www-form-urlencoded',
    );
    expect([answer.status, await answer.json()]).toEqual([
      415,
      expect.objectContaining({ message: ['Content-Type header must be application/json'] }),
    ]);
  });

  it('answers 429 with Retry-After once a client exceeds RATE_LIMIT_PER_MINUTE', async () => {
    const token = await tokenOfNewSubject();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i <= RATE_LIMIT; i++) {
      const answer = await fetch(`${service.url}/referrals`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(answer.status);
      retryAfter = answer.headers.get('retry-after');
      await answer.text();
    }
    expect([statuses.slice(-2), Number(retryAfter) >= 1 && Number(retryAfter) <= 60]).toEqual([
      [200, 429],
      true,
    ]);
  });

  it('counts each token subject on its own', async () => {
    const first = await tokenOfNewSubject();
    for (let i = 0; i <= RATE_LIMIT; i++) {
      await (
        await fetch(`${service.url}/referrals`, { headers: { authorization: `Bearer ${first}` } })
      ).text();
    }
    const other = await fetch(`${service.url}/referrals`, {
      headers: { authorization: `Bearer ${await tokenOfNewSubject()}` },
    });
    expect(other.status).toBe(200);
  });

  it('never rate-limits GET /health', async () => {
    const statuses = [];
    for (let i = 0; i < RATE_LIMIT * 3; i++)
      statuses.push((await fetch(`${service.url}/health`)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it('sends the helmet security headers on API answers', async () => {
    const answer = await fetch(`${service.url}/referrals`, {
      headers: { authorization: `Bearer ${await tokenOfNewSubject()}` },
    });
    expect({
      csp: answer.headers.get('content-security-policy'),
      nosniff: answer.headers.get('x-content-type-options'),
      frame: answer.headers.get('x-frame-options'),
      hsts: answer.headers.get('strict-transport-security'),
      cache: answer.headers.get('cache-control'),
      poweredBy: answer.headers.get('x-powered-by'),
    }).toEqual({
      csp: "default-src 'none';frame-ancestors 'none'",
      nosniff: 'nosniff',
      frame: 'SAMEORIGIN',
      hsts: expect.stringContaining('max-age='),
      cache: 'no-store',
      poweredBy: null,
    });
  });

  it('lets the Swagger UI page under /docs load its own scripts and styles', async () => {
    const answer = await fetch(`${service.url}/docs`);
    expect([answer.status, answer.headers.get('content-security-policy')]).toEqual([
      200,
      expect.stringContaining("script-src 'self'"),
    ]);
  });

  it('sends no Access-Control-Allow-Origin to an origin not in CORS_ORIGINS', async () => {
    const answer = await fetch(`${service.url}/referrals`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows an origin listed in CORS_ORIGINS', async () => {
    const answer = await fetch(`${service.url}/referrals`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('answers headers over 16 KB with 431 and a JSON message naming the headers', async () => {
    const answer = await fetch(`${service.url}/health`, {
      headers: { 'x-huge': 'h'.repeat(20_000) },
    });
    expect([answer.status, await answer.json()]).toEqual([
      431,
      expect.objectContaining({ message: ['headers must be at most 16 KB in total'] }),
    ]);
  });
});

describe('front-door settings', () => {
  it('a bad RATE_LIMIT_PER_MINUTE stops the service with exit 78 naming the setting', async () => {
    const process = new ServiceProcess(scriptOf('referrals'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
      RATE_LIMIT_PER_MINUTE: 'lots',
    }).start();
    expect([await process.waitForExit(), process.output]).toEqual([
      78,
      expect.stringContaining('RATE_LIMIT_PER_MINUTE must be an integer'),
    ]);
  });
});
