import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { IsServiceArea, ServiceArea } from '../geo/service-area';
import { Topics } from '../topics';
import {
  ORGANIZATION_TYPES,
  OrganizationType,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  URGENCIES,
  Urgency,
  Weekday,
  WEEKDAYS,
} from '../vocabulary';

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CLOSING_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One opening period on one weekday, in the service's time zone; `closes` may be 24:00. */
export class OpeningPeriodV1 {
  @IsIn(WEEKDAYS) day: Weekday;
  @Matches(CLOCK_TIME, { message: 'opens must be a time HH:MM' }) opens: string;
  @Matches(CLOSING_TIME, { message: 'closes must be a time HH:MM (or 24:00)' }) closes: string;
}

/** When a service takes calls: around the clock, or the weekly periods in its time zone. */
export class OpeningHoursV1 {
  @IsBoolean() alwaysOpen: boolean;
  /** An IANA time zone, e.g. America/Chicago. */
  @IsTimeZone() timeZone: string;
  @IsArray()
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @Type(() => OpeningPeriodV1)
  weekly: OpeningPeriodV1[];
}

/** Who a service may take: an age range, both ends inclusive and optional. */
export class EligibilityV1 {
  @IsOptional() @IsInt() @Min(0) @Max(130) minAge?: number;
  @IsOptional() @IsInt() @Min(0) @Max(130) maxAge?: number;
}

/** One service of an organisation, shaped after Open Referral HSDS 3 (service, area, schedule). */
export class PartnerServiceV1 {
  @IsUUID() serviceId: string;
  @IsString() @MaxLength(200) name: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsServiceArea()
  area: ServiceArea;
  /** The most open cases the service takes at once. */
  @IsInt() @Min(1) @Max(100_000) capacity: number;
  @ValidateNested() @Type(() => OpeningHoursV1) hours: OpeningHoursV1;
  @ValidateNested() @Type(() => EligibilityV1) eligibility: EligibilityV1;
}

/**
 * The full public snapshot of an organisation after each change (event-carried state transfer):
 * the assignment engine keeps its projection from these alone. An organisation's services, areas
 * and hours are public directory data, not personal data.
 */
export class OrganizationChangedV1 {
  @IsUUID() organizationId: string;
  @IsString() @MaxLength(200) name: string;
  @IsIn(ORGANIZATION_TYPES) type: OrganizationType;
  /** Grows by one with each change; a consumer ignores a snapshot older than the one it has. */
  @IsInt() @Min(1) revision: number;
  @ValidateNested({ each: true })
  @ArrayMaxSize(100)
  @Type(() => PartnerServiceV1)
  services: PartnerServiceV1[];
}

/** One of a police agency's incident type codes and what Concord makes of it. */
export class IncidentTypeV1 {
  /** The agency's code as its CAD sends it (EIDO incidentTypeInternalCode), or a NENA registry value. */
  @IsString() @Matches(/^[\x21-\x7e]( ?[\x21-\x7e])*$/) @MaxLength(100) code: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsIn(URGENCIES) urgency: Urgency;
}

/**
 * A police agency's whole incident-type mapping after each change: how intake turns the incident
 * type of a CAD incident (EIDO) into a referral's category and urgency. Codes, not people.
 */
export class IncidentTypesMappedV1 {
  @IsUUID() organizationId: string;
  /** Grows by one with each change; a consumer ignores a mapping older than the one it has. */
  @IsInt() @Min(1) revision: number;
  @ValidateNested({ each: true })
  @ArrayMaxSize(500)
  @Type(() => IncidentTypeV1)
  types: IncidentTypeV1[];
}

const topic = Topics.organizations;
const byOrganization = (payload: OrganizationChangedV1): string => payload.organizationId;

export const OrganizationEvents = {
  registered: defineEvent({
    name: 'organization.registered',
    version: 1,
    topic,
    payload: OrganizationChangedV1,
    key: byOrganization,
    summary: 'A partner organisation (or the police agency) joined Concord, with its services.',
  }),
  updated: defineEvent({
    name: 'organization.updated',
    version: 1,
    topic,
    payload: OrganizationChangedV1,
    key: byOrganization,
    summary: 'An organisation changed its details or services; carries the whole new snapshot.',
  }),
  incidentTypesMapped: defineEvent({
    name: 'organization.incident-types-mapped',
    version: 1,
    topic,
    payload: IncidentTypesMappedV1,
    key: (payload: IncidentTypesMappedV1): string => payload.organizationId,
    summary:
      "A police agency's incident-type mapping changed (category and urgency per CAD incident type); carries the whole mapping.",
  }),
};
