/// <reference lib="dom" />
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, newPerson } from '../support/browser';
import { ConcordSystem } from '../support/concord-system';
import { freePort } from '../support/infrastructure';
import { OidcProviderProcess, signingKey } from '../support/oidc-provider';

const PARTNER = randomUUID();

/**
 * Signing in to the console through a real OpenID provider (oidc-provider, as test/identity
 * uses), with the authorization code flow and PKCE; the session in an httpOnly cookie; CSRF
 * refused; sign-out and an ended session. The referrals service trusts the same provider.
 */
describe('signing in to the console', () => {
  jest.setTimeout(180_000);

  let provider: OidcProviderProcess;
  let system: ConcordSystem;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    const consolePort = await freePort();
    const consoleUrl = `http://127.0.0.1:${consolePort}`;
    provider = await new OidcProviderProcess({
      port: await freePort(),
      keys: [await signingKey('console-key')],
      clients: [
        {
          client_id: 'concord-console',
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code'],
          response_types: ['code'],
          redirect_uris: [`${consoleUrl}/auth/callback`],
        },
      ],
      accounts: { 'case-worker-7': { role: 'partner', org: PARTNER } },
    }).start();
    const trustProvider = { AUTH_OIDC_ISSUER: provider.issuer, AUTH_PUBLIC_KEY_FILE: '' };
    system = await ConcordSystem.start({
      services: ['referrals'],
      console: true,
      env: {
        referrals: trustProvider,
        console: {
          ...trustProvider,
          HTTP_PORT: String(consolePort),
          CONSOLE_PUBLIC_URL: consoleUrl,
          CONSOLE_OIDC_CLIENT_ID: 'concord-console',
          CONSOLE_OIDC_RESOURCE: 'urn:concord',
          CONSOLE_DEV_PRIVATE_KEY_FILE: '',
        },
      },
    });
    browser = await launchBrowser();
    context = await newPerson(browser, system.consoleUrl);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await system?.stop();
    await provider?.stop();
  });

  /** The browser's session cookie, as a Cookie header for calls made outside the browser. */
  async function sessionCookie(): Promise<string> {
    const cookie = (await context.cookies()).find(
      (candidate) => candidate.name === 'concord_session',
    );
    if (!cookie) throw new Error('the browser holds no session cookie');
    return `${cookie.name}=${cookie.value}`;
  }

  async function signIn(): Promise<void> {
    const page = await context.newPage();
    await page.goto('/queue');
    await page.getByRole('link', { name: 'Sign in with your agency account' }).click();
    await page.getByRole('tab', { name: /^Offered 0/ }).waitFor({ timeout: 30_000 });
    await page.close();
  }

  it('signs a case worker in with the provider and keeps the session in an httpOnly, Secure, SameSite cookie', async () => {
    await signIn();

    const page = await context.newPage();
    await page.goto('/queue');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const visibleToScripts = await page.evaluate(() => ({
      cookie: document.cookie,
      stored: Object.keys(localStorage).length + Object.keys(sessionStorage).length,
    }));
    const cookie = (await context.cookies()).find(
      (candidate) => candidate.name === 'concord_session',
    );
    await page.close();

    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    expect(visibleToScripts).toEqual({ cookie: '', stored: 0 });
  });

  it('refuses a state-changing call without the CSRF token, or from another origin', async () => {
    const cookie = await sessionCookie();
    const session = (await (
      await fetch(`${system.consoleUrl}/auth/session`, { headers: { cookie } })
    ).json()) as { csrfToken: string };
    const accept = (headers: Record<string, string>) =>
      fetch(`${system.consoleUrl}/api/referrals/referrals/${randomUUID()}/accept`, {
        method: 'POST',
        headers: { cookie, ...headers },
      }).then(async (answer) => ({ status: answer.status, body: await answer.text() }));

    const withoutToken = await accept({ origin: system.consoleUrl });
    const fromElsewhere = await accept({
      origin: 'https://evil.example',
      'x-csrf-token': session.csrfToken,
    });
    const proper = await accept({ origin: system.consoleUrl, 'x-csrf-token': session.csrfToken });

    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body).toContain('X-CSRF-Token');
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.body).toContain('Origin must be');
    // Past the console's checks, the referrals service answers: no such referral of yours.
    expect(proper.status).toBe(404);
  });

  it('ends the session on sign-out: the old cookie opens nothing', async () => {
    const cookie = await sessionCookie();
    const page = await context.newPage();
    await page.goto('/queue');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Concord' }).waitFor();
    const reused = await fetch(`${system.consoleUrl}/api/referrals/referrals`, {
      headers: { cookie },
    });
    await page.close();

    expect(reused.status).toBe(401);
  });

  it('sends a person whose session has ended to sign in', async () => {
    await signIn();
    const database = new Client({ connectionString: system.console?.env.DATABASE_URL });
    await database.connect();
    await database.query(`UPDATE console_sessions SET expires_at = now() - interval '1 second'`);
    await database.end();

    const page = await context.newPage();
    await page.goto('/queue');

    await page.getByRole('heading', { name: 'Sign in to Concord' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });
});
