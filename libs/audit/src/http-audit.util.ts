import { Caller } from '@concord/auth';
import { AuditEntry } from './audit-entry';
import { AuditOutcome } from './audit-record.entity';

/** The part of an Express request an audit record is made from. */
export interface AuditedRequest {
  readonly method: string;
  readonly url: string;
  readonly route?: { path?: string };
  readonly params?: Record<string, string | undefined>;
  caller?: Caller;
}

export const STATE_CHANGING_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const VERB_OF_METHOD: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'update',
  DELETE: 'delete',
};

/** `referrals` → `referral`, `inbox` → `inbox`: object types are named in the singular. */
export function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The route as declared (`/referrals/:id/accept`), or the path without its query string. */
export function routeOf(request: AuditedRequest): string {
  return request.route?.path ?? request.url.split('?')[0] ?? request.url;
}

/**
 * The action and object type a state-changing request is recorded under, from its route:
 * `POST /referrals/:id/accept` → `referral.accept`, `POST /referrals` → `referral.create`,
 * `DELETE /subscriptions/:id` → `subscription.delete`.
 */
export function actionOfRoute(
  method: string,
  route: string,
): { action: string; objectType: string } {
  const segments = route.split('/').filter(Boolean);
  const objectType = singular(segments[0] ?? 'root');
  const named = segments.slice(1).filter((segment) => !segment.startsWith(':'));
  const verb =
    named.length > 0 ? named.join('.') : (VERB_OF_METHOD[method] ?? method.toLowerCase());
  return { action: `${objectType}.${verb}`, objectType };
}

/** 401 and 403 are refusals of who the caller is; any other error status is a failure. */
export function outcomeOfStatus(status: number): AuditOutcome {
  if (status === 401 || status === 403) return 'denied';
  return status >= 400 ? 'failed' : 'allowed';
}

/** Who did it, as the verified token says; all null when no token authenticated the caller. */
export function actorOf(
  request: AuditedRequest,
): Pick<AuditEntry, 'actorSubject' | 'actorOrganization' | 'actorRole'> {
  const caller = request.caller;
  return {
    actorSubject: caller?.subject ?? null,
    actorOrganization: caller?.organizationId ?? null,
    actorRole: caller?.role ?? null,
  };
}

/**
 * The person a request concerns, by their referral's id: a `:referralId` route parameter, or the
 * object itself when it is a referral.
 */
export function subjectRefOf(
  request: AuditedRequest,
  objectType: string,
  objectId: string | null,
): string | null {
  return request.params?.referralId ?? (objectType === 'referral' ? objectId : null);
}

/** The `id` of an answer, or of each item of a page (`{ items: [...] }`). */
export function idsInAnswer(answer: unknown): string[] {
  const idOf = (value: unknown): string | undefined => {
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  };
  const items = (answer as { items?: unknown } | null)?.items;
  const found = Array.isArray(items)
    ? items.map(idOf)
    : Array.isArray(answer)
      ? answer.map(idOf)
      : [idOf(answer)];
  return found.filter((id): id is string => id !== undefined);
}

const AUDITED = Symbol('concord:audited');

/** Marks a request whose audit record is written, so that no later layer records it again. */
export function markAudited(request: AuditedRequest): void {
  (request as { [AUDITED]?: boolean })[AUDITED] = true;
}

export function isAudited(request: AuditedRequest): boolean {
  return (request as { [AUDITED]?: boolean })[AUDITED] === true;
}
