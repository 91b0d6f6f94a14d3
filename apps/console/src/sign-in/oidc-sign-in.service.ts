import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { discoverProvider, ProviderMetadata } from '@concord/auth';
import { ConsoleConfig } from '../console.config';
import { PendingSignIn } from '../session/console-session.entity';
import { hashOf } from '../session/session.service';

/** A sign-in must come back from the provider within this long. */
const SIGN_IN_MINUTES = 10;
const TOKEN_TIMEOUT_MS = 10_000;

export class SignInFailed extends Error {}

/** Only a path of this console, never another site: an open redirect would help phishing. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/**
 * The OpenID Connect authorization code flow with PKCE (RFC 7636, S256), as a confidential or a
 * public client. The access token comes back to the server and stays there.
 */
@Injectable()
export class OidcSignInService {
  private metadata?: Promise<ProviderMetadata>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConsoleConfig,
  ) {}

  get redirectUri(): string {
    return `${this.config.CONSOLE_PUBLIC_URL}/auth/callback`;
  }

  private provider(): Promise<ProviderMetadata> {
    this.metadata ??= discoverProvider(this.config.AUTH_OIDC_ISSUER as string).catch((error) => {
      this.metadata = undefined;
      throw new SignInFailed(`the OpenID provider cannot be reached: ${(error as Error).message}`);
    });
    return this.metadata;
  }

  /** Records a sign-in under way; returns its state and where to send the browser. */
  async begin(returnTo: string): Promise<{ state: string; authorizeUrl: string }> {
    const { authorizationEndpoint } = await this.provider();
    if (!authorizationEndpoint) {
      throw new SignInFailed('the OpenID provider names no authorization_endpoint');
    }
    const state = randomBytes(32).toString('base64url');
    const codeVerifier = randomBytes(32).toString('base64url');
    await this.dataSource.manager.delete(PendingSignIn, { expiresAt: LessThan(new Date()) });
    await this.dataSource.manager.insert(PendingSignIn, {
      stateHash: hashOf(state),
      codeVerifier,
      returnTo: safeReturnPath(returnTo),
      expiresAt: new Date(Date.now() + SIGN_IN_MINUTES * 60_000),
    });
    const url = new URL(authorizationEndpoint);
    url.search = new URLSearchParams({
      client_id: this.config.CONSOLE_OIDC_CLIENT_ID as string,
      response_type: 'code',
      redirect_uri: this.redirectUri,
      scope: ['openid', ...this.config.CONSOLE_OIDC_SCOPE.split(/\s+/).filter(Boolean)].join(' '),
      state,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...(this.config.CONSOLE_OIDC_RESOURCE ? { resource: this.config.CONSOLE_OIDC_RESOURCE } : {}),
    }).toString();
    return { state, authorizeUrl: url.href };
  }

  /**
   * Exchanges the code for an access token, once: the pending sign-in is deleted whether or not
   * the exchange works. `state` must be the one this browser started with.
   */
  async complete(
    state: string,
    stateInCookie: string | undefined,
    code: string,
  ): Promise<{ accessToken: string; returnTo: string }> {
    if (!stateInCookie || stateInCookie !== state) {
      throw new SignInFailed('this sign-in was not started in this browser; start again');
    }
    const pending = await this.dataSource.manager.findOneBy(PendingSignIn, {
      stateHash: hashOf(state),
    });
    if (!pending) throw new SignInFailed('this sign-in is unknown or was used; start again');
    await this.dataSource.manager.delete(PendingSignIn, { stateHash: pending.stateHash });
    if (pending.expiresAt.getTime() < Date.now()) {
      throw new SignInFailed(
        `this sign-in took longer than ${SIGN_IN_MINUTES} minutes; start again`,
      );
    }
    const { tokenEndpoint } = await this.provider();
    if (!tokenEndpoint) throw new SignInFailed('the OpenID provider names no token_endpoint');
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      code_verifier: pending.codeVerifier,
      client_id: this.config.CONSOLE_OIDC_CLIENT_ID as string,
      ...(this.config.CONSOLE_OIDC_RESOURCE ? { resource: this.config.CONSOLE_OIDC_RESOURCE } : {}),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    if (this.config.CONSOLE_OIDC_CLIENT_SECRET) {
      const basic = `${encodeURIComponent(this.config.CONSOLE_OIDC_CLIENT_ID as string)}:${encodeURIComponent(this.config.CONSOLE_OIDC_CLIENT_SECRET)}`;
      headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
    const answer = await fetch(tokenEndpoint, {
      method: 'POST',
      headers,
      body: form,
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    }).catch((error: Error) => {
      throw new SignInFailed(
        `the OpenID provider's token endpoint does not answer: ${error.message}`,
      );
    });
    const body = (await answer.json().catch(() => ({}))) as Record<string, unknown>;
    if (!answer.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? body.error : `status ${answer.status}`;
      throw new SignInFailed(`the OpenID provider refused the sign-in (${reason})`);
    }
    return { accessToken: body.access_token, returnTo: pending.returnTo };
  }
}
