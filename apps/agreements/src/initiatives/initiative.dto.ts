import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory } from '@concord/contracts';
import { IsAfter, IsIsoDate, IsText } from '@concord/platform';

export class KpiTargetRequest {
  @IsText(100) metric: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) target: number;
  @IsOptional() @IsText(50) unit?: string;
}

/** The body of POST /initiatives. */
export class CreateInitiativeRequest {
  @IsText(200) name: string;
  /** An organisation of type police-agency. */
  @IsUUID() leadAgencyId: string;
  /** Registered organisations that are not police agencies. */
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  partnerIds: string[];
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(REFERRAL_CATEGORIES, { each: true })
  categories: ReferralCategory[];
  @IsIsoDate() periodFrom: string;
  @IsIsoDate() @IsAfter('periodFrom') periodTo: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => KpiTargetRequest)
  kpiTargets?: KpiTargetRequest[];
}
