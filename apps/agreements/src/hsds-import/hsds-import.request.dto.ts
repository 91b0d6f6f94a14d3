import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsTimeZone,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ORGANIZATION_TYPES,
  OrganizationType,
  REFERRAL_CATEGORIES,
  ReferralCategory,
} from '@concord/contracts';

const PARTNER_TYPES = ORGANIZATION_TYPES.filter((type) => type !== 'police-agency');

/** An object of at most 1,000 taxonomy codes or term ids, each naming a Concord category. */
function IsCategoryMapping(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCategoryMapping',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args) =>
          `${args.property} must map at most 1000 taxonomy term codes or ids (1-200 characters) to Concord categories: ${REFERRAL_CATEGORIES.join(', ')}`,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 1000 &&
          Object.entries(value).every(
            ([code, category]) =>
              code.length >= 1 &&
              code.length <= 200 &&
              (REFERRAL_CATEGORIES as readonly unknown[]).includes(category),
          ),
      },
    });
}

/** What the dataset may not say, given once for all its records. */
export class HsdsImportOptionsRequest {
  /** Foreign taxonomy terms (by code or id) that stand for a Concord category, e.g. AIRS codes. */
  @ValidateIf((options: HsdsImportOptionsRequest) => options.categoryMapping !== undefined)
  @IsCategoryMapping()
  categoryMapping?: Record<string, ReferralCategory>;
  /** The capacity of a service that has no Concord capacity attribute (HSDS 3.0 has no field). */
  @IsOptional() @IsInt() @Min(1) @Max(100_000) defaultCapacity?: number;
  /** The IANA time zone of schedules of a service without a Concord time-zone attribute. */
  @IsOptional() @IsTimeZone() timeZone?: string;
  /** The type of an organisation without a Concord organization-type attribute. */
  @IsOptional() @IsIn(PARTNER_TYPES) organizationType?: OrganizationType;
}

/**
 * An HSDS 3.0 dataset: organisations with their services nested (GET /organizations/{id} with
 * full services), services with their organisation embedded (GET /services/{id}), or both.
 */
export class HsdsImportRequest {
  /** Only report what the import would change; change nothing. */
  @IsOptional() @IsBoolean() dryRun?: boolean;
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => HsdsImportOptionsRequest)
  options?: HsdsImportOptionsRequest;
  @IsOptional() @IsArray() @ArrayMaxSize(100_000) organizations?: unknown[];
  @IsOptional() @IsArray() @ArrayMaxSize(100_000) services?: unknown[];
}
