import { Role } from './role';

/** The authenticated party behind a request, as the verified token describes it. */
export interface Caller {
  /** The token's `sub`: a user id, or a client id for service-to-service calls. */
  readonly subject: string;
  readonly role: Role;
  /** The token's `org`; always present for dispatchers and partners. */
  readonly organizationId?: string;
}
