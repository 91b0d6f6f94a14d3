import { IsIn, IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { ORGANIZATION_ROLES, Role, ROLES } from '@concord/auth';

/** Whom to sign in as, in development: a role and, for dispatch and partners, an organisation. */
export class DevelopmentSignInRequest {
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ValidateIf((request: DevelopmentSignInRequest) => ORGANIZATION_ROLES.includes(request.role))
  @IsUUID('all', { message: 'organizationId must be a UUID: dispatchers and partners act for one' })
  @IsOptional()
  organizationId?: string;
}
