import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The signed, single-use form token the public survey page is served with: what stands between
 * the one public write endpoint and a script, without a third-party service. It proves that the
 * answer comes from a form this service handed out, for this survey, at least `minimumFillMs`
 * and at most `maximumAgeMs` ago; its nonce is recorded when an answer uses it, so it is taken
 * once (the record lives in PostgreSQL, shared by every instance, until the token has expired).
 *
 * It carries nothing about the person: the survey, a random nonce and when it was issued.
 * `<payload>.<signature>`, both base64url; the signature is HMAC-SHA256 under a server secret.
 */
export interface FormTokenRules {
  /** A person needs at least this long to read and answer; faster is a script. */
  readonly minimumFillMs: number;
  /** A form older than this is refused: the page is loaded again. */
  readonly maximumAgeMs: number;
}

export const DEFAULT_FORM_TOKEN_RULES: FormTokenRules = {
  minimumFillMs: 4_000,
  maximumAgeMs: 2 * 60 * 60_000,
};

interface FormTokenPayload {
  readonly v: 1;
  readonly survey: string;
  readonly nonce: string;
  readonly issuedAt: number;
}

/** A form token that passed every check: its nonce, and until when it must be remembered as used. */
export interface AcceptedFormToken {
  readonly nonce: string;
  readonly expiresAt: Date;
}

/** Why a token is refused; each is a 4xx with its own code, none says more than it must. */
export type FormTokenRefusal =
  | 'FORM_TOKEN_MALFORMED'
  | 'FORM_TOKEN_FORGED'
  | 'FORM_TOKEN_OTHER_SURVEY'
  | 'FORM_TOO_FAST'
  | 'FORM_TOKEN_EXPIRED';

export type FormTokenCheck =
  | { readonly ok: true; readonly token: AcceptedFormToken }
  | { readonly ok: false; readonly refusal: FormTokenRefusal };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,400}\.[A-Za-z0-9_-]{43}$/;

export function issueFormToken(secret: Buffer, surveyId: string, now: number): string {
  const payload: FormTokenPayload = {
    v: 1,
    survey: surveyId,
    nonce: randomBytes(16).toString('base64url'),
    issuedAt: now,
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${signature(secret, encoded)}`;
}

/**
 * Checks a token handed back with an answer to `surveyId` at `now`. It does not know whether the
 * nonce was used already: the caller records it, and a second record is the replay.
 */
export function checkFormToken(
  secret: Buffer,
  token: string,
  surveyId: string,
  now: number,
  rules: FormTokenRules = DEFAULT_FORM_TOKEN_RULES,
): FormTokenCheck {
  const refuse = (refusal: FormTokenRefusal): FormTokenCheck => ({ ok: false, refusal });
  if (!TOKEN_SHAPE.test(token)) return refuse('FORM_TOKEN_MALFORMED');
  const [encoded, given] = token.split('.');
  const expected = Buffer.from(signature(secret, encoded), 'base64url');
  if (!timingSafeEqual(Buffer.from(given, 'base64url'), expected)) {
    return refuse('FORM_TOKEN_FORGED');
  }
  const payload = parsePayload(encoded);
  if (!payload) return refuse('FORM_TOKEN_MALFORMED');
  if (payload.survey !== surveyId) return refuse('FORM_TOKEN_OTHER_SURVEY');
  const age = now - payload.issuedAt;
  if (age < rules.minimumFillMs) return refuse('FORM_TOO_FAST');
  if (age > rules.maximumAgeMs) return refuse('FORM_TOKEN_EXPIRED');
  return {
    ok: true,
    token: { nonce: payload.nonce, expiresAt: new Date(payload.issuedAt + rules.maximumAgeMs) },
  };
}

function signature(secret: Buffer, encodedPayload: string): string {
  return createHmac('sha256', secret)
    .update(`concord-form-token:${encodedPayload}`)
    .digest('base64url');
}

function parsePayload(encoded: string): FormTokenPayload | undefined {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const { v, survey, nonce, issuedAt } = value as Record<string, unknown>;
    return v === 1 &&
      typeof survey === 'string' &&
      typeof nonce === 'string' &&
      typeof issuedAt === 'number' &&
      Number.isFinite(issuedAt)
      ? { v, survey, nonce, issuedAt }
      : undefined;
  } catch {
    return undefined;
  }
}
