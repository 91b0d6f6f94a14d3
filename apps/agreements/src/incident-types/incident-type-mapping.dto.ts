import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, Matches, MaxLength, ValidateNested } from 'class-validator';
import { REFERRAL_CATEGORIES, ReferralCategory, URGENCIES, Urgency } from '@concord/contracts';

/** Visible ASCII, single spaces inside: how CAD systems write their incident type codes. */
const CODE = /^[\x21-\x7e]( ?[\x21-\x7e])*$/;

export class IncidentTypeRequest {
  /** The agency's incident type code (EIDO incidentTypeInternalCode) or a NENA registry value. */
  @Matches(CODE, {
    message: 'code must be visible ASCII characters, single spaces inside, e.g. 10-96 or MH-CRISIS',
  })
  @MaxLength(100)
  code: string;
  @IsIn(REFERRAL_CATEGORIES) category: ReferralCategory;
  @IsIn(URGENCIES) urgency: Urgency;
}

/** The body of PUT /organizations/:id/incident-types: the agency's whole mapping. */
export class SaveIncidentTypesRequest {
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => IncidentTypeRequest)
  types: IncidentTypeRequest[];
}

/** The mapping as the API answers it; revision 0 and no types before the first change. */
export interface IncidentTypesView {
  organizationId: string;
  revision: number;
  types: IncidentTypeRequest[];
  updatedAt: string | null;
  updatedBy: string | null;
}
