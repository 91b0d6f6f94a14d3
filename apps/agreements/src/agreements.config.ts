import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsImportBodyLimit, ServiceConfig } from '@concord/platform';

/**
 * Signs the survey's form tokens outside production when SURVEY_FORM_SECRET is not set: every
 * development instance shares it, and anyone can read it here, so production refuses to start
 * without a secret of its own.
 */
const DEVELOPMENT_SURVEY_FORM_SECRET = 'concord-development-survey-form-secret-not-for-production';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;

/** The settings of the agreements service: the common ones, with its own default port. */
export class AgreementsConfig extends ServiceConfig {
  override HTTP_PORT = 3002;

  /**
   * How often the scheduler activates due drafts, expires agreements past their end and announces
   * the ones ending within 30 days. Every instance runs it; row locks keep them out of each
   * other's way.
   */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(24 * 60 * 60 * 1000)
  AGREEMENTS_SCHEDULER_INTERVAL_MS = 60_000;

  /**
   * The largest body of POST /hsds/import (`<n>kb` or `<n>mb`, at most 256mb): a directory of
   * 10,000 services is about 30 MB of HSDS JSON. Every other route keeps HTTP_BODY_LIMIT.
   */
  @IsImportBodyLimit('HSDS_IMPORT_BODY_LIMIT')
  HSDS_IMPORT_BODY_LIMIT = '64mb';

  /**
   * How long an HSDS import job stays with the process running it without news of it: the runner
   * renews the lease with every batch, and any instance takes over a job whose lease has run out
   * (its process died), checking every quarter of this.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(60 * 60 * 1000)
  HSDS_IMPORT_LEASE_MS = 60_000;

  /**
   * Where residents open the community survey: the public page is `<this>/surveys/<id>/page` and
   * the QR code points there. Unset: this service's own `http://localhost:<HTTP_PORT>`.
   */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'SURVEY_PUBLIC_BASE_URL must be an http(s) URL such as https://survey.example.org' },
  )
  @Matches(/^[^?#]*[^/?#]$/, {
    message: 'SURVEY_PUBLIC_BASE_URL must not end with / nor carry a query or fragment',
  })
  SURVEY_PUBLIC_BASE_URL?: string;

  get surveyPublicBaseUrl(): string {
    return this.SURVEY_PUBLIC_BASE_URL ?? `http://localhost:${this.HTTP_PORT}`;
  }

  /**
   * Signs the survey's form tokens (HMAC-SHA256), at least 32 characters (`openssl rand -base64
   * 32`); every instance needs the same. Required in production; elsewhere a development secret.
   */
  @ValidateIf(
    (config: AgreementsConfig) =>
      config.NODE_ENV === 'production' || config.SURVEY_FORM_SECRET !== undefined,
  )
  @Matches(/^\S{32,}$/, {
    message:
      'SURVEY_FORM_SECRET must be at least 32 characters without spaces (required in production)',
  })
  SURVEY_FORM_SECRET?: string;

  get surveyFormSecret(): Buffer {
    return Buffer.from(this.SURVEY_FORM_SECRET ?? DEVELOPMENT_SURVEY_FORM_SECRET, 'utf8');
  }

  /**
   * Answers the survey takes from one network (an IPv4 /24, an IPv6 /48) per day; a shelter's or
   * a library's Wi-Fi is one network, so not too few.
   */
  @Transform(toInt)
  @IsInt({ message: 'SURVEY_ANSWERS_PER_NETWORK_PER_DAY must be an integer' })
  @Min(1, { message: 'SURVEY_ANSWERS_PER_NETWORK_PER_DAY must be at least 1' })
  @Max(100_000, { message: 'SURVEY_ANSWERS_PER_NETWORK_PER_DAY must be at most 100000' })
  SURVEY_ANSWERS_PER_NETWORK_PER_DAY = 20;
}
