import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { exportJWK, generateKeyPair, JWK } from 'jose';
import { eventually } from './infrastructure';
import { ROOT } from './service-process';

/** An ES256 signing key as a provider holds it: the private JWK, named by `kid`. */
export async function signingKey(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
}

export interface OidcClient {
  readonly client_id: string;
  readonly [metadata: string]: unknown;
}

export interface OidcProviderSettings {
  readonly port: number;
  /** The first key signs; every key is published in the JWKS. */
  readonly keys: readonly JWK[];
  readonly clients: readonly OidcClient[];
  readonly accounts?: Readonly<Record<string, Record<string, unknown>>>;
}

/** A real oidc-provider (test/support/oidc-provider-server.mjs) in its own process on loopback. */
export class OidcProviderProcess {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  output = '';

  constructor(private settings: OidcProviderSettings) {}

  get issuer(): string {
    return `http://127.0.0.1:${this.settings.port}`;
  }

  async start(): Promise<this> {
    const child = spawn(
      process.execPath,
      [resolve(ROOT, 'test/support/oidc-provider-server.mjs')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', OIDC_SETTINGS: JSON.stringify(this.settings) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((done) => child.on('exit', () => done()));
    this.child = child;
    await eventually(
      'the OpenID provider to answer',
      async () => {
        if (child.exitCode !== null) throw new Error(`oidc-provider exited:\n${this.output}`);
        const answer = await fetch(`${this.issuer}/.well-known/openid-configuration`).catch(
          () => undefined,
        );
        return answer?.status === 200;
      },
      30_000,
    );
    return this;
  }

  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null) {
      this.child.kill('SIGTERM');
      await this.exited;
    }
  }

  /** Same issuer (same port), new key set: how a provider rotates its signing key. */
  async restartWithKeys(keys: readonly JWK[]): Promise<void> {
    await this.stop();
    this.settings = { ...this.settings, keys };
    await this.start();
  }

  /** A machine's token: the client-credentials grant with a resource indicator (RFC 8707). */
  async clientCredentialsToken(
    clientId: string,
    secret: string,
    resource: string,
  ): Promise<string> {
    return this.token(
      { grant_type: 'client_credentials', resource, scope: 'api' },
      { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
    );
  }

  /**
   * A person's token: the authorization-code grant with PKCE (S256), driven by hand the way a
   * browser would, following each redirect with the provider's cookies until the code comes back.
   */
  async authorizationCodeToken(
    clientId: string,
    redirectUri: string,
    accountId: string,
    resource: string,
  ): Promise<string> {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL(`${this.issuer}/auth`);
    authorize.search = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid api',
      resource,
      login_hint: accountId,
      state: randomBytes(8).toString('hex'),
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();

    const cookies = new Map<string, string>();
    let next = authorize.href;
    for (let hop = 0; hop < 10; hop++) {
      if (next.startsWith(redirectUri)) {
        const code = new URL(next).searchParams.get('code');
        if (!code) throw new Error(`the provider redirected without a code: ${next}`);
        return this.token({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          code_verifier: verifier,
          client_id: clientId,
          resource,
        });
      }
      const answer = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const setCookie of answer.headers.getSetCookie()) {
        const [pair] = setCookie.split(';');
        const equals = pair.indexOf('=');
        cookies.set(pair.slice(0, equals), pair.slice(equals + 1));
      }
      const location = answer.headers.get('location');
      if (answer.status < 300 || answer.status >= 400 || !location) {
        throw new Error(`login stopped at ${next}: ${answer.status} ${await answer.text()}`);
      }
      next = new URL(location, next).href;
    }
    throw new Error('login did not come back with a code after 10 redirects');
  }

  private async token(
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<string> {
    const answer = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    const body = (await answer.json()) as { access_token?: string };
    if (answer.status !== 200 || !body.access_token) {
      throw new Error(`the token endpoint answered ${answer.status}: ${JSON.stringify(body)}`);
    }
    return body.access_token;
  }
}
