import { Transform } from 'class-transformer';
import {
  ArrayNotEmpty,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { parseRoleMap, ROLES } from '@concord/auth';
import { KafkaClientConfig } from './kafka-client-config';
import { TrustedProxiesConstraint } from './trusted-proxies';

/** Reads an integer setting from its environment string. */
export const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

/** A token claim name, or a dotted path into nested claims (`realm_access.roles`). */
const CLAIM_PATH = /^[^\s.]+(\.[^\s.]+)*$/;

@ValidatorConstraint({ name: 'roleMap' })
class RoleMapConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseRoleMap(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const parsed = typeof args.value === 'string' ? parseRoleMap(args.value) : undefined;
    const problem = parsed && !parsed.ok ? `: ${parsed.error}` : '';
    return `AUTH_ROLE_MAP must be provider-role=concord-role pairs separated by commas, each concord-role one of ${ROLES.join(', ')}${problem}`;
  }
}

/**
 * The body limit of a route that takes a data file (`<n>kb` or `<n>mb`, at most 256mb), named by
 * its setting in the message.
 */
export const IsImportBodyLimit = (setting: string): PropertyDecorator =>
  Matches(/^([1-9]\d{0,5}kb|([1-9]\d?|1\d\d|2[0-4]\d|25[0-6])mb)$/, {
    message: `${setting} must be a size like 64mb (kb or mb; at most 256mb)`,
  });

/**
 * The settings every service reads from its environment, validated at start-up: a wrong or
 * missing one stops the service with a message that names it. A service adds its own settings
 * by extending this class. Those of the broker connection's TLS and SASL are KafkaClientConfig's,
 * which the tools load too.
 */
export class ServiceConfig extends KafkaClientConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number;

  @IsString()
  HTTP_HOST = '0.0.0.0';

  /**
   * Serves the Prometheus metrics (`GET /metrics`, no token) on this port of HTTP_HOST and not on
   * HTTP_PORT. Unset, they are served on HTTP_PORT in development and test, and not at all in
   * production, where the public port must not show them.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'METRICS_PORT must be a TCP port number' })
  @Min(1, { message: 'METRICS_PORT must be a TCP port number' })
  @Max(65535, { message: 'METRICS_PORT must be a TCP port number' })
  METRICS_PORT?: number;

  /** postgres://user@host:port/database */
  @Matches(/^postgres(ql)?:\/\/\S+\/\w+/, {
    message: 'DATABASE_URL must look like postgres://user@host:5432/database',
  })
  DATABASE_URL: string;

  /** host:port[,host:port...] */
  @Transform(toList)
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must list at least one host:port' })
  @Matches(/^[\w.-]+:\d+$/, { each: true, message: 'KAFKA_BROKERS entries must be host:port' })
  KAFKA_BROKERS: string[];

  @Transform(toInt)
  @IsInt()
  @Min(1)
  KAFKA_PARTITIONS = 3;

  /**
   * Whether the service runs its pending migrations at start-up. `false` where a step before the
   * rollout runs them (`node dist/apps/<service>/src/main.js migrate`, the Kubernetes migrations
   * Job): instances that start together then never migrate at the same time.
   */
  @IsIn(['true', 'false'], { message: 'MIGRATIONS_AT_START must be true or false' })
  MIGRATIONS_AT_START: 'true' | 'false' = 'true';

  get migrationsAtStart(): boolean {
    return this.MIGRATIONS_AT_START === 'true';
  }

  /**
   * The consumer group, which is also the scope of the processed-messages record. Defaults to the
   * service's name; every instance of a service that shares a database must share it.
   */
  @IsOptional()
  @Matches(/^[\w.-]{1,200}$/, { message: 'KAFKA_GROUP_ID must be 1-200 letters, digits, . _ -' })
  KAFKA_GROUP_ID?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  EVENT_MAX_ATTEMPTS = 5;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  EVENT_RETRY_BACKOFF_MS = 200;

  /**
   * Envelope signing keys, `id:secret[,id:secret...]`, newest first: the first signs what this
   * service publishes, and every one verifies what it consumes; unsigned or forged messages go to
   * the dead-letter topic. Give every service the same list (see docs/security.md).
   */
  @IsOptional()
  @Transform(toList)
  @Matches(/^[\w.-]{1,40}:\S{32,}$/, {
    each: true,
    message: 'EVENT_SIGNING_KEYS entries must be id:secret with a secret of at least 32 characters',
  })
  EVENT_SIGNING_KEYS?: string[];

  /**
   * The largest JSON request body (`<n>b`, `<n>kb` or `<n>mb`, at most 10mb). A larger one is
   * refused with 413 from its Content-Length, before it is read.
   */
  @Matches(/^([1-9]\d{0,7}b|[1-9]\d{0,4}kb|([1-9]|10)mb)$/, {
    message: 'HTTP_BODY_LIMIT must be a size like 100kb or 1mb (b, kb or mb; at most 10mb)',
  })
  HTTP_BODY_LIMIT = '100kb';

  /**
   * Requests one client may make per minute (the token's subject, or the IP address without a
   * valid token); beyond it the answer is 429 with Retry-After. GET /health is exempt.
   */
  @Transform(toInt)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1, { message: 'RATE_LIMIT_PER_MINUTE must be at least 1' })
  @Max(1_000_000, { message: 'RATE_LIMIT_PER_MINUTE must be at most 1000000' })
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Where requests are counted: `memory` counts in each process (N instances allow N × the
   * limit); `postgres` in a table of the service's own database that every instance shares.
   * Unset: `postgres` in production, where several instances run behind a load balancer, else
   * `memory` (docs/security.md, "Behind an ingress").
   */
  @IsOptional()
  @IsIn(['memory', 'postgres'], { message: 'RATE_LIMIT_STORE must be memory or postgres' })
  RATE_LIMIT_STORE?: 'memory' | 'postgres';

  get rateLimitStore(): 'memory' | 'postgres' {
    return this.RATE_LIMIT_STORE ?? (this.NODE_ENV === 'production' ? 'postgres' : 'memory');
  }

  /**
   * The proxies (an ingress, a load balancer) whose X-Forwarded-For is believed: IP addresses and
   * CIDR ranges, comma-separated. The client is the right-most address of the header that is not
   * itself trusted; the rate limit and the audit trail see it. Empty (the default): the header is
   * ignored and the client is the peer of the connection.
   */
  @Transform(toList)
  @Validate(TrustedProxiesConstraint)
  TRUSTED_PROXIES: string[] = [];

  /**
   * Browser origins allowed to call the API (CORS), comma-separated, e.g.
   * `https://console.example.org`. Empty (the default): no cross-origin browser access at all.
   */
  @Transform(toList)
  @Matches(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/, {
    each: true,
    message: 'CORS_ORIGINS entries must be origins like https://console.example.org (no path)',
  })
  CORS_ORIGINS: string[] = [];

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' = 'info';

  /**
   * Whether `GET /openapi.json` and the Swagger UI at `GET /docs` are served (without a token).
   * Unset: served outside production, not in production, where every route but health needs a
   * token; publish the documents from docs/openapi/ instead.
   */
  @IsOptional()
  @IsIn(['public', 'off'], { message: 'API_DOCS must be public or off' })
  API_DOCS?: 'public' | 'off';

  get apiDocsServed(): boolean {
    return (this.API_DOCS ?? (this.NODE_ENV === 'production' ? 'off' : 'public')) === 'public';
  }

  @IsString()
  AUTH_ISSUER = 'concord-dev';

  @IsString()
  AUTH_AUDIENCE = 'concord';

  /**
   * Production: the OpenID provider's issuer URL. Its metadata names the JWKS, and tokens must
   * carry exactly this `iss` (AUTH_ISSUER is then not used). Not together with AUTH_JWKS_URL.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'AUTH_OIDC_ISSUER must be an http(s) URL, the issuer of the OpenID provider' },
  )
  AUTH_OIDC_ISSUER?: string;

  /**
   * Production without AUTH_OIDC_ISSUER: the identity provider's JWKS (tokens' `iss` must be
   * AUTH_ISSUER). In production one of the two is required; AUTH_PUBLIC_KEY_FILE alone is refused.
   */
  @ValidateIf(
    (config: ServiceConfig) =>
      !config.AUTH_OIDC_ISSUER &&
      (config.NODE_ENV === 'production' || !config.AUTH_PUBLIC_KEY_FILE),
  )
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message:
        'AUTH_JWKS_URL must be an http(s) URL (in production, or without AUTH_PUBLIC_KEY_FILE, set AUTH_OIDC_ISSUER or AUTH_JWKS_URL)',
    },
  )
  AUTH_JWKS_URL?: string;

  /** A token naming an unknown key refetches the key set at most this often (key rotation). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  AUTH_JWKS_COOLDOWN_SECONDS = 30;

  /** The claim (or dotted path, e.g. realm_access.roles) holding the role, a string or a list. */
  @Matches(CLAIM_PATH, {
    message: 'AUTH_ROLE_CLAIM must be a claim name or a dotted path such as realm_access.roles',
  })
  AUTH_ROLE_CLAIM = 'role';

  /** The claim (or dotted path) holding the organisation's UUID. */
  @Matches(CLAIM_PATH, {
    message: 'AUTH_ORG_CLAIM must be a claim name or a dotted path such as attributes.org',
  })
  AUTH_ORG_CLAIM = 'org';

  /**
   * Provider role names → Concord roles, e.g. `cad-client=dispatcher,case-worker=partner`. When
   * set, only the provider roles it lists grant anything.
   */
  @IsOptional()
  @Validate(RoleMapConstraint)
  AUTH_ROLE_MAP?: string;

  /**
   * Consumed event ids are remembered this many days to drop redeliveries, then forgotten
   * (Kafka redelivers only what was not committed: minutes).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PROCESSED_MESSAGES_RETENTION_DAYS = 7;

  /** Audit records older than this many days are purged (default one year). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AUDIT_RETENTION_DAYS = 365;

  /** How often the audit retention purge runs (default hourly). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86_400_000)
  AUDIT_PURGE_INTERVAL_MS = 3_600_000;

  /** Development: a local ES256 public key (npm run token writes the pair to .cache/dev-keys). */
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_FILE?: string;
}
