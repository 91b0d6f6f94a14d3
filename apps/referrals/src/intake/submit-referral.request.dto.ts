import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CONSENT_METHODS,
  CONTACT_PREFERENCES,
  ContactPreference,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  URGENCIES,
  Urgency,
} from '@concord/contracts';
import { SentOnlyWhen } from '@concord/platform';

export class LocationRequest {
  @IsLatitude() latitude: number;
  @IsLongitude() longitude: number;
  @IsOptional() @IsString() @MaxLength(300) address?: string;
}

export class PersonRequest {
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsOptional() @IsInt() @Min(0) @Max(130) age?: number;
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ()-]{4,24}$/, { message: 'person.phone must be a phone number' })
  phone?: string;
  /** A language tag, e.g. en, es, vi. */
  @IsOptional() @IsString() @MaxLength(35) language?: string;
}

export class ConsentOverrideRequest {
  @IsString() @MinLength(10) @MaxLength(1000) reason: string;
  @IsString() @IsNotEmpty() @MaxLength(200) authorizedBy: string;
}

const consentObtained = (consent: ConsentRequest): boolean => consent.obtained === true;
const consentNotObtained = (consent: ConsentRequest): boolean => consent.obtained === false;

/**
 * Consent to share the person's details, with how and by whom it was obtained; or, without it,
 * an override with its reason and who decided it. Never both, and nothing of the one with the
 * other: a record must say plainly on which basis the details may be shared.
 */
export class ConsentRequest {
  @IsBoolean() obtained: boolean;
  @ValidateIf((consent: ConsentRequest) => consentObtained(consent) || consent.method !== undefined)
  @SentOnlyWhen(consentObtained, 'consent.obtained is true')
  @IsIn(CONSENT_METHODS)
  method?: string;
  @ValidateIf(
    (consent: ConsentRequest) => consentObtained(consent) || consent.obtainedBy !== undefined,
  )
  @SentOnlyWhen(consentObtained, 'consent.obtained is true')
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  obtainedBy?: string;
  @ValidateIf(
    (consent: ConsentRequest) => consentNotObtained(consent) || consent.override !== undefined,
  )
  @SentOnlyWhen(consentNotObtained, 'consent.obtained is false')
  @IsDefined({ message: 'consent.override is required when consent was not obtained' })
  @ValidateNested()
  @Type(() => ConsentOverrideRequest)
  override?: ConsentOverrideRequest;
}

/** What dispatch sends to hand a call to Concord. */
export class SubmitReferralRequest {
  /** The CAD incident number. */
  @IsString() @IsNotEmpty() @MaxLength(64) incidentReference: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsIn(URGENCIES) urgency: Urgency;
  @IsDefined() @ValidateNested() @Type(() => LocationRequest) location: LocationRequest;
  @IsDefined() @ValidateNested() @Type(() => PersonRequest) person: PersonRequest;
  @IsIn(CONTACT_PREFERENCES) contactPreference: ContactPreference;
  @IsDefined() @ValidateNested() @Type(() => ConsentRequest) consent: ConsentRequest;
  @IsString() @IsNotEmpty() @MaxLength(10_000) narrative: string;
}
