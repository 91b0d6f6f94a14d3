import { Transform } from 'class-transformer';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ServiceConfig, toInt } from '@concord/platform';

const withoutTrailingSlash = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.replace(/\/+$/, '') : value;

/** The settings of the notifications service: the common ones and its channels' own. */
export class NotificationsConfig extends ServiceConfig {
  override HTTP_PORT = 3004;

  /**
   * The SMTP server e-mail notifications go through, `smtp://[user:pass@]host:port` (STARTTLS
   * when the server offers it) or `smtps://…`. Unset: the e-mail channel is disabled and an
   * e-mail subscription is refused with 422 EMAIL_CHANNEL_DISABLED.
   */
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://host:port' })
  SMTP_URL?: string;

  /** The sender of e-mail notifications, `address` or `Name <address>`. */
  @IsString()
  @Matches(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, {
    message: 'MAIL_FROM must be an address or Name <address>',
  })
  MAIL_FROM = 'Concord <notifications@concord.invalid>';

  /**
   * Where people open a referral; a notification links to `<this>/referrals/<referral id>`
   * instead of saying anything about the person.
   */
  @Transform(withoutTrailingSlash)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'PUBLIC_REFERRALS_URL must be an http(s) URL' },
  )
  PUBLIC_REFERRALS_URL = 'http://localhost:3001';

  /**
   * The recipient id of the programme administrators: the owner of their subscriptions and
   * inbox, and the organizationId of notification.delivered/failed about their notifications.
   */
  @IsUUID('all', { message: 'PROGRAMME_ADMINISTRATORS_ID must be a UUID' })
  PROGRAMME_ADMINISTRATORS_ID = 'a0000000-0000-4000-8000-000000000000';

  /** Tries in all, the first included, before a webhook or e-mail notification has failed. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  WEBHOOK_MAX_ATTEMPTS = 8;

  /** The wait after the first failed try; it doubles after each further one. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60 * 60 * 1000)
  WEBHOOK_INITIAL_BACKOFF_MS = 1_000;

  /** The longest wait between two tries. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 60 * 60 * 1000)
  WEBHOOK_MAX_BACKOFF_MS = 60 * 60 * 1000;

  /**
   * Whether webhooks may go to loopback, private and link-local addresses. Unset, they may only
   * outside production; in production a webhook must also be https.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_NETWORKS?: 'true' | 'false';

  get webhooksMayReachPrivateNetworks(): boolean {
    return (
      (this.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? String(this.NODE_ENV !== 'production')) === 'true'
    );
  }

  /**
   * 32 random bytes in base64 (`openssl rand -base64 32`) that encrypt webhook secrets at rest.
   * Required in production; without it (development) secrets are stored as given.
   */
  @ValidateIf(
    (config: NotificationsConfig) =>
      config.NODE_ENV === 'production' || config.WEBHOOK_SECRETS_KEY !== undefined,
  )
  @IsBase64(
    {},
    { message: 'WEBHOOK_SECRETS_KEY must be 32 bytes in base64 (required in production)' },
  )
  @Matches(/^.{43}=$/, {
    message: 'WEBHOOK_SECRETS_KEY must be 32 bytes in base64 (required in production)',
  })
  WEBHOOK_SECRETS_KEY?: string;

  get webhookSecretsKey(): Buffer | undefined {
    return this.WEBHOOK_SECRETS_KEY ? Buffer.from(this.WEBHOOK_SECRETS_KEY, 'base64') : undefined;
  }

  /** How long one webhook call (or SMTP conversation) may take before it counts as failed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /**
   * The delivery worker's fallback sweep, for what a crashed process left: new notifications wake
   * it as they commit, and it arms a timer for the next retry.
   */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60_000)
  DELIVERY_POLL_MS = 30_000;

  /** Notifications one instance delivers at the same time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DELIVERY_CONCURRENCY = 20;
}
