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
  ValidateIf,
} from 'class-validator';

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

/**
 * The settings every service reads from its environment, validated at start-up: a wrong or
 * missing one stops the service with a message that names it. A service adds its own settings
 * by extending this class.
 */
export class ServiceConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number;

  @IsString()
  HTTP_HOST = '0.0.0.0';

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

  @IsString()
  AUTH_ISSUER = 'concord-dev';

  @IsString()
  AUTH_AUDIENCE = 'concord';

  /** Production: the identity provider's JWKS. Exactly one of this and AUTH_PUBLIC_KEY_FILE. */
  @ValidateIf(
    (config: ServiceConfig) => config.NODE_ENV === 'production' || !config.AUTH_PUBLIC_KEY_FILE,
  )
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    {
      message:
        'AUTH_JWKS_URL must be an http(s) URL (required in production or without AUTH_PUBLIC_KEY_FILE)',
    },
  )
  AUTH_JWKS_URL?: string;

  /** Development: a local ES256 public key (npm run token writes the pair to .cache/dev-keys). */
  @IsOptional()
  @IsString()
  AUTH_PUBLIC_KEY_FILE?: string;
}
