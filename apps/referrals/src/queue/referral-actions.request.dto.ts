import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import {
  DECLINE_REASONS,
  DeclineReason,
  Outcome,
  OUTCOMES,
  UNSUCCESSFUL_REASONS,
  UnsuccessfulReason,
} from '@concord/contracts';

export class DeclineReferralRequest {
  @IsIn(DECLINE_REASONS) reason: DeclineReason;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RecordContactRequest {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CompleteReferralRequest {
  @IsIn(OUTCOMES) outcome: Outcome;
  /** Required when the outcome is unsuccessful, refused when it is successful. */
  @ValidateIf((request: CompleteReferralRequest) => request.outcome !== 'successful')
  @IsIn(UNSUCCESSFUL_REASONS, {
    message: `unsuccessfulReason must be one of ${UNSUCCESSFUL_REASONS.join(', ')} when the outcome is unsuccessful`,
  })
  unsuccessfulReason?: UnsuccessfulReason;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CancelReferralRequest {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}
