import { Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AUDIT_OUTCOMES, AuditOutcome } from './audit-record.entity';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;

const DATE_TIME = { strict: true, strictSeparator: true };

/** Which records: every filter optional, all of them combined. */
export class AuditRecordsFilterQuery {
  /** The person, by their referral's id (the records' subject_ref). */
  @IsOptional()
  @MaxLength(200, { message: 'person must be at most 200 characters' })
  person?: string;

  /** The acting user, by the token subject. */
  @IsOptional() @MaxLength(200, { message: 'user must be at most 200 characters' }) user?: string;

  /** The acting user's organisation. */
  @IsOptional() @IsUUID('all', { message: 'organization must be a UUID' }) organization?: string;

  @IsOptional()
  @IsISO8601(DATE_TIME, {
    message: 'from must be an ISO 8601 date-time, e.g. 2026-01-31T09:00:00Z',
  })
  from?: string;

  /** Inclusive. */
  @IsOptional()
  @IsISO8601(DATE_TIME, { message: 'to must be an ISO 8601 date-time, e.g. 2026-01-31T17:00:00Z' })
  to?: string;

  @IsOptional()
  @Matches(/^[a-z][\w.-]{0,99}$/, {
    message: 'action must be an action name such as referral.read-person',
  })
  action?: string;

  @IsOptional()
  @IsIn(AUDIT_OUTCOMES, { message: `outcome must be one of ${AUDIT_OUTCOMES.join(', ')}` })
  outcome?: AuditOutcome;
}

export class AuditRecordsQuery extends AuditRecordsFilterQuery {
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'limit must be an integer from 1 to 500' })
  @Min(1, { message: 'limit must be an integer from 1 to 500' })
  @Max(500, { message: 'limit must be an integer from 1 to 500' })
  limit?: number;

  /** The `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'after must be the nextCursor of a previous page' })
  after?: string;
}
