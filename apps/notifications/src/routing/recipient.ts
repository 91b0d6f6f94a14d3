import { Caller } from '@concord/auth';
import { forbidden } from '@concord/platform';
import { Audience } from './notification-routes';

/**
 * Who a notification is for: an organisation (by its id), or the programme administrators, whose
 * id is PROGRAMME_ADMINISTRATORS_ID. Subscriptions, inbox items and notification outcomes carry it.
 */
export interface Recipient {
  readonly audience: Audience;
  readonly id: string;
}

/** The recipient a caller acts for: its organisation, or for an admin the administrators. */
export function recipientOfCaller(caller: Caller, administratorsId: string): Recipient {
  if (caller.role === 'admin') return { audience: 'administrators', id: administratorsId };
  if (!caller.organizationId) {
    throw forbidden('ORGANIZATION_REQUIRED', `a ${caller.role} token must name its organisation`);
  }
  return { audience: 'organization', id: caller.organizationId };
}
