import { Transform } from 'class-transformer';
import { IsEmpty, IsInt, IsOptional, IsString, IsUrl, Max, Min, ValidateIf } from 'class-validator';
import { CONCORD_SERVICES, ConcordService } from '@concord/contracts';
import { IsImportBodyLimit, ServiceConfig, toInt } from '@concord/platform';

const withoutTrailingSlash = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

const SERVICE_URL = { require_tld: false, require_protocol: true, protocols: ['http', 'https'] };

/** The five services whose public APIs the console calls on behalf of the person signed in. */
export const CONSOLE_BACKENDS = CONCORD_SERVICES;
export type ConsoleBackend = ConcordService;

/**
 * The settings of the console: the common ones, where the five services answer, how people sign
 * in and how long a session lasts.
 */
export class ConsoleConfig extends ServiceConfig {
  override HTTP_PORT = 3000;

  /**
   * The largest body the console passes on to POST /hsds/import of the agreements service (an
   * HSDS directory file); every other request keeps HTTP_BODY_LIMIT. Keep it at most the
   * agreements service's HSDS_IMPORT_BODY_LIMIT.
   */
  @IsImportBodyLimit('CONSOLE_IMPORT_BODY_LIMIT')
  CONSOLE_IMPORT_BODY_LIMIT = '64mb';

  /**
   * Where browsers reach the console, e.g. https://console.example.org: the OpenID redirect URI
   * is `<this>/auth/callback`, and state-changing requests must come from this origin.
   */
  @Transform(withoutTrailingSlash)
  @IsUrl(SERVICE_URL, { message: 'CONSOLE_PUBLIC_URL must be an http(s) URL' })
  CONSOLE_PUBLIC_URL = 'http://localhost:3000';

  @Transform(withoutTrailingSlash)
  @IsUrl(SERVICE_URL, { message: 'CONCORD_REFERRALS_URL must be an http(s) URL' })
  CONCORD_REFERRALS_URL = 'http://127.0.0.1:3001';

  @Transform(withoutTrailingSlash)
  @IsUrl(SERVICE_URL, { message: 'CONCORD_AGREEMENTS_URL must be an http(s) URL' })
  CONCORD_AGREEMENTS_URL = 'http://127.0.0.1:3002';

  @Transform(withoutTrailingSlash)
  @IsUrl(SERVICE_URL, { message: 'CONCORD_FUNDING_URL must be an http(s) URL' })
  CONCORD_FUNDING_URL = 'http://127.0.0.1:3003';

  @Transform(withoutTrailingSlash)
  @IsUrl(SERVICE_URL, { message: 'CONCORD_NOTIFICATIONS_URL must be an http(s) URL' })
  CONCORD_NOTIFICATIONS_URL = 'http://127.0.0.1:3004';

  @Transform(withoutTrailingSlash)
  @IsUrl(SERVICE_URL, { message: 'CONCORD_INSIGHTS_URL must be an http(s) URL' })
  CONCORD_INSIGHTS_URL = 'http://127.0.0.1:3005';

  /**
   * The console's client id at the OpenID provider (AUTH_OIDC_ISSUER). Required in production,
   * where people sign in only through the provider.
   */
  @ValidateIf((config: ConsoleConfig) => config.NODE_ENV === 'production')
  @IsString({ message: 'CONSOLE_OIDC_CLIENT_ID is required in production (the OpenID sign-in)' })
  CONSOLE_OIDC_CLIENT_ID?: string;

  /** The client secret, for a confidential client; a public client (PKCE alone) has none. */
  @IsOptional()
  @IsString()
  CONSOLE_OIDC_CLIENT_SECRET?: string;

  /**
   * The resource indicator (RFC 8707) asked for, so that the provider issues an access token
   * whose audience is AUTH_AUDIENCE, e.g. `urn:concord`. Unset: none is sent.
   */
  @IsOptional()
  @IsString()
  CONSOLE_OIDC_RESOURCE?: string;

  /** Scopes asked for besides `openid`, space-separated. */
  @IsString()
  CONSOLE_OIDC_SCOPE = 'api';

  /** A session ends this long after sign-in, or when its access token expires, if earlier. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  CONSOLE_SESSION_MINUTES = 8 * 60;

  /**
   * Development only: the private key of the development key pair (.cache/dev-keys), with which
   * the "Sign in as" page mints tokens. Refused in production.
   */
  @ValidateIf(
    (config: ConsoleConfig) =>
      config.NODE_ENV === 'production' && config.CONSOLE_DEV_PRIVATE_KEY_FILE !== undefined,
  )
  @IsEmpty({
    message:
      'CONSOLE_DEV_PRIVATE_KEY_FILE must not be set in production: the development sign-in is refused there',
  })
  CONSOLE_DEV_PRIVATE_KEY_FILE?: string;

  /** Where the built single-page application is (index.html and assets/). */
  @IsString()
  CONSOLE_WEB_ROOT = 'dist/apps/console/web';

  get backendUrls(): Record<ConsoleBackend, string> {
    return {
      referrals: this.CONCORD_REFERRALS_URL,
      agreements: this.CONCORD_AGREEMENTS_URL,
      funding: this.CONCORD_FUNDING_URL,
      notifications: this.CONCORD_NOTIFICATIONS_URL,
      insights: this.CONCORD_INSIGHTS_URL,
    };
  }

  get devSignInAllowed(): boolean {
    return this.NODE_ENV !== 'production' && this.CONSOLE_DEV_PRIVATE_KEY_FILE !== undefined;
  }

  get oidcSignInConfigured(): boolean {
    return this.AUTH_OIDC_ISSUER !== undefined && this.CONSOLE_OIDC_CLIENT_ID !== undefined;
  }
}
