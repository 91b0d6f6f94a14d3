/** What a redacted secret is replaced with in logs and error messages. */
export const REDACTED = '[REDACTED]';

/** Field names whose values are secrets wherever they appear in a logged object. */
const SECRET_FIELD =
  /^(authorization|proxy-authorization|cookie|set-cookie|password|passwd|secret|token|access_token|refresh_token|id_token|api[-_]?key|private[-_]?key|client[-_]?secret|webhook[-_]?secret|signing[-_]?secret)$|secret|password|token$/i;

const SECRET_TEXT: ReadonlyArray<[RegExp, string]> = [
  // Authorization: Bearer <token> / Basic <credentials>
  [/\b(Bearer|Basic)\s+[\w\-.~+/=]+/gi, `$1 ${REDACTED}`],
  // A JWT anywhere (three base64url parts, the first a JSON header "eyJ...").
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  // user:password@ in a URL (postgres://, smtp://, https://...).
  [/(\b[a-z][\w+.-]*:\/\/[^:/?#\s@]*:)[^@\s/]+@/gi, `$1${REDACTED}@`],
  // password=..., secret=... in query strings or key=value text.
  [/\b(password|passwd|secret|token|api[-_]?key)=[^&\s;,]+/gi, `$1=${REDACTED}`],
  // A PEM private key.
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
];

/** The setting names whose values are never shown, e.g. in a configuration error. */
export const isSecretSetting = (name: string): boolean =>
  /SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE_KEY(?!_FILE)|API_KEY|MASTER_KEY/i.test(name);

/** `text` with every bearer token, JWT, URL password, key=secret pair and private key replaced. */
export function redactSecrets(text: string): string {
  return SECRET_TEXT.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text,
  );
}

/**
 * A copy of `value` fit for a log line: secret-named fields are replaced whole, every string is
 * scrubbed with redactSecrets. Cycles and depth beyond 8 are cut, never followed.
 */
export function redactValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (value instanceof Error) {
    const copy: Record<string, unknown> = {
      type: value.name,
      message: redactSecrets(value.message),
      stack: value.stack === undefined ? undefined : redactSecrets(value.stack),
    };
    for (const [key, field] of Object.entries(value)) {
      copy[key] = SECRET_FIELD.test(key) ? REDACTED : redactValue(field, depth + 1, seen);
    }
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      SECRET_FIELD.test(key) && field !== undefined && field !== null
        ? REDACTED
        : redactValue(field, depth + 1, seen),
    ]),
  );
}
