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
import { applyDecorators } from '@nestjs/common';
import {
  KPI_TARGET_KINDS,
  KpiTargetKind,
  REFERRAL_CATEGORIES,
  ReferralCategory,
} from '@concord/contracts';
import { IsAfter, IsIsoDate, IsText } from '@concord/platform';
import { FitsItsKind } from './kpi-target-range';

export class KpiTargetRequest {
  /** What Concord measures the target against; a target without a kind is shown, not measured. */
  @IsOptional() @IsIn(KPI_TARGET_KINDS) kind?: KpiTargetKind;
  @IsText(100) metric: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @FitsItsKind() target: number;
  @IsOptional() @IsText(50) unit?: string;
}

/** Up to 50 targets, each kind at most once (a kind is measured against one target). */
const AreKpiTargets = (): PropertyDecorator =>
  applyDecorators(
    IsArray(),
    ArrayMaxSize(50),
    ArrayUnique((target: KpiTargetRequest | null) => target?.kind ?? Symbol('no kind'), {
      message: 'kpiTargets must not have two targets of the same kind',
    }),
    ValidateNested({ each: true }),
    Type(() => KpiTargetRequest),
  );

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
  @IsOptional() @AreKpiTargets() kpiTargets?: KpiTargetRequest[];
}

/** The body of PUT /initiatives/:id/kpi-targets: every target, replacing those before. */
export class SetKpiTargetsRequest {
  @AreKpiTargets() kpiTargets: KpiTargetRequest[];
}
