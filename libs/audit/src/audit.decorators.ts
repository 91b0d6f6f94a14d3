import { SetMetadata } from '@nestjs/common';

export const AUDIT_READ_KEY = 'concord:audit:read';
export const AUDIT_ACTION_KEY = 'concord:audit:action';

export interface AuditReadSpec {
  /** The object type read, e.g. `referral`; also the action's prefix. */
  readonly objectType: string;
  /** e.g. `read-person`: the record's action is `referral.read-person`. */
  readonly verb: string;
}

/**
 * The handler returns a person's details: every object it returns (the answer's `id`, or each
 * `items[].id` of a page) gets an audit record before the answer leaves, and when that record
 * cannot be written the caller gets 503 instead of the data (fail closed). A refused or failed
 * read is recorded too.
 */
export const AuditRead = (objectType: string, verb: string): MethodDecorator =>
  SetMetadata(AUDIT_READ_KEY, { objectType, verb } satisfies AuditReadSpec);

/**
 * Names the action of a state-changing handler in its audit records (e.g. `referral.accept`),
 * instead of the name derived from its route.
 */
export const AuditAction = (action: string): MethodDecorator =>
  SetMetadata(AUDIT_ACTION_KEY, action);
