/**
 * What "a 4xx names the field and the rule" means, precisely. An answer passes when its body is a
 * JSON object whose `message` is a non-empty string or a non-empty array of non-empty strings, and
 * every one of those messages
 * - names its subject: contains, as a whole word, one of the request's field names (body
 *   properties at any depth, query and path parameter names, header names), one of the request's
 *   parts (`body`, `query`, `path`, `header`, `token`, `role`), or a path parameter's value (a
 *   domain error says which referral it could not find); and
 * - states the rule: contains a rule word (must, should, not, only, at most, exceed, required...)
 *   or the answer carries a domain error `code` in UPPER_SNAKE_CASE, which is the rule by name.
 */
export interface RejectionContext {
  /** Names that count as a subject: field, parameter and header names of the request. */
  readonly names: readonly string[];
  /** Path parameter values, which a not-found answer may name instead of the parameter. */
  readonly values?: readonly string[];
}

const PARTS = [
  'body',
  'query',
  'path',
  'header',
  'headers',
  'parameter',
  'parameters',
  'token',
  'role',
];
const RULE =
  /\b(must|should|may|not|only|at (most|least)|exceeds?|required|expected|allowed|invalid|unknown|exists?)\b/i;
const DOMAIN_CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/;

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mentions = (message: string, name: string): boolean =>
  name.length > 0 && new RegExp(`(^|[^\\w-])${escape(name)}($|[^\\w-])`, 'i').test(message);

/** Why the answer does not name the field and the rule, or undefined when it does. */
export function unnamedRejection(body: unknown, context: RejectionContext): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the answer is not a JSON object';
  }
  const { message, code } = body as { message?: unknown; code?: unknown };
  const messages = typeof message === 'string' ? [message] : message;
  if (!Array.isArray(messages) || messages.length === 0) {
    return 'the answer has no message';
  }
  const subjects = [...PARTS, ...context.names, ...(context.values ?? [])];
  const hasCode = typeof code === 'string' && DOMAIN_CODE.test(code);
  for (const entry of messages as unknown[]) {
    if (typeof entry !== 'string' || entry.trim() === '') return 'a message is empty';
    if (!subjects.some((subject) => mentions(entry, subject))) {
      return `"${entry}" names no field, parameter, header or part of the request`;
    }
    if (!hasCode && !RULE.test(entry)) return `"${entry}" states no rule`;
  }
  return undefined;
}
