import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import {
  EligibilityV1,
  IsServiceArea,
  OpeningHoursV1,
  ORGANIZATION_TYPES,
  OrganizationType,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  ServiceArea,
} from '@concord/contracts';
import { IsText } from '@concord/platform';

/** minAge, when both ends are given, is not above maxAge. */
function AgeRangeInOrder(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'ageRangeInOrder',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args) => `${args.property}.minAge must not be greater than maxAge`,
      },
      validator: {
        validate: (value: unknown) => {
          const { minAge, maxAge } = (value ?? {}) as EligibilityV1;
          return typeof minAge !== 'number' || typeof maxAge !== 'number' || minAge <= maxAge;
        },
      },
    });
}

/** One service in a register or update request; `id` keeps an existing service on update. */
export class OrganizationServiceRequest {
  @IsOptional() @IsUUID() id?: string;
  @IsText(200) name: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsServiceArea() area: ServiceArea;
  @IsInt() @Min(1) @Max(100_000) capacity: number;
  @IsObject() @ValidateNested() @Type(() => OpeningHoursV1) hours: OpeningHoursV1;
  /** Omitted: no age limits. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @AgeRangeInOrder()
  @Type(() => EligibilityV1)
  eligibility?: EligibilityV1;
}

/** The body of POST /organizations and PUT /organizations/:id: the whole organisation. */
export class SaveOrganizationRequest {
  @IsText(200) name: string;
  @IsIn(ORGANIZATION_TYPES) type: OrganizationType;
  /** Police agencies normally have none. */
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrganizationServiceRequest)
  services: OrganizationServiceRequest[];
}

export class ListOrganizationsQuery {
  @IsOptional() @IsIn(ORGANIZATION_TYPES) type?: OrganizationType;
}
