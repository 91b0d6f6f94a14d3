import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory } from '@concord/contracts';
import { IsCents } from '../ledger/cents';

/** Money from one funding source to a budget; also the body of POST /budgets/:id/allocations. */
export class AllocationRequest {
  @IsUUID() sourceId: string;
  @IsCents() amountCents: number;
}

/** The body of POST /budgets. The budget's award is the sum of its allocations. */
export class OpenBudgetRequest {
  @IsUUID() initiativeId: string;
  @IsUUID() partnerId: string;
  /** Omitted: the budget pays for the partner's cases of every category without a budget of its own. */
  @IsOptional() @IsIn(REFERRAL_CATEGORIES) category?: ReferralCategory;
  /** What one case costs; reserved on assignment, charged on acceptance. */
  @IsCents() costPerCaseCents: number;
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @ArrayUnique((allocation: AllocationRequest | undefined) => allocation?.sourceId, {
    message: 'allocations must name each sourceId once',
  })
  @ValidateNested({ each: true })
  @Type(() => AllocationRequest)
  allocations: AllocationRequest[];
}

export class ListBudgetsQuery {
  @IsOptional() @IsUUID() initiativeId?: string;
  @IsOptional() @IsUUID() partnerId?: string;
}
