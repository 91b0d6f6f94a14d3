import { Type } from 'class-transformer';
import { IsDefined, IsIn, ValidateNested } from 'class-validator';
import { CONTACT_PREFERENCES, ContactPreference } from '@concord/contracts';
import { ConsentRequest } from './submit-referral.request.dto';

/**
 * The Concord extension object of an EIDO document (its top-level member `concord`): what a
 * referral needs and EIDO does not carry. Consent above all: it is never assumed.
 */
export class EidoExtensionRequest {
  @IsDefined() @ValidateNested() @Type(() => ConsentRequest) consent: ConsentRequest;
  @IsIn(CONTACT_PREFERENCES) contactPreference: ContactPreference;
}

/** The document's members Concord validates strictly: only the extension object. */
export class EidoExtensionMember {
  @IsDefined({ message: 'concord is required' })
  @ValidateNested()
  @Type(() => EidoExtensionRequest)
  concord: EidoExtensionRequest;
}
