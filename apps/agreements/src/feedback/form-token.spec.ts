import { randomBytes } from 'node:crypto';
import { checkFormToken, DEFAULT_FORM_TOKEN_RULES, issueFormToken } from './form-token';

describe('the survey form token', () => {
  const secret = randomBytes(32);
  const survey = '2b7d3c1e-4f55-4a6b-9d1e-1c2f3a4b5c6d';
  const issuedAt = Date.UTC(2026, 11, 7, 10, 0, 0);
  const token = issueFormToken(secret, survey, issuedAt);
  const { minimumFillMs, maximumAgeMs } = DEFAULT_FORM_TOKEN_RULES;

  it('is accepted for its survey after the minimum fill time, with its nonce and expiry', () => {
    const check = checkFormToken(secret, token, survey, issuedAt + minimumFillMs);
    expect(check).toEqual({
      ok: true,
      token: {
        nonce: expect.stringMatching(/^[\w-]{22}$/),
        expiresAt: new Date(issuedAt + maximumAgeMs),
      },
    });
  });

  it('gets a new nonce each time it is issued', () => {
    const nonceOf = (issued: string) => {
      const check = checkFormToken(secret, issued, survey, issuedAt + minimumFillMs);
      return check.ok ? check.token.nonce : undefined;
    };
    expect(nonceOf(issueFormToken(secret, survey, issuedAt))).not.toBe(nonceOf(token));
  });

  it('is refused when answered faster than a person can', () => {
    expect(checkFormToken(secret, token, survey, issuedAt + minimumFillMs - 1)).toEqual({
      ok: false,
      refusal: 'FORM_TOO_FAST',
    });
  });

  it('is refused once it is older than its maximum age', () => {
    expect(checkFormToken(secret, token, survey, issuedAt + maximumAgeMs + 1)).toEqual({
      ok: false,
      refusal: 'FORM_TOKEN_EXPIRED',
    });
  });

  it('is refused for another survey', () => {
    const other = '9f8e7d6c-5b4a-4392-8190-0a1b2c3d4e5f';
    expect(checkFormToken(secret, token, other, issuedAt + minimumFillMs)).toMatchObject({
      refusal: 'FORM_TOKEN_OTHER_SURVEY',
    });
  });

  it('is refused when signed with another secret', () => {
    const forged = issueFormToken(randomBytes(32), survey, issuedAt);
    expect(checkFormToken(secret, forged, survey, issuedAt + minimumFillMs)).toMatchObject({
      refusal: 'FORM_TOKEN_FORGED',
    });
  });

  it('is refused when its payload was changed, e.g. to issue it earlier', () => {
    const [payload, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
    const earlier = Buffer.from(JSON.stringify({ ...decoded, issuedAt: 0 })).toString('base64url');
    expect(
      checkFormToken(secret, `${earlier}.${signature}`, survey, issuedAt + minimumFillMs),
    ).toMatchObject({ refusal: 'FORM_TOKEN_FORGED' });
  });

  it.each([
    '',
    'abc',
    `${'a'.repeat(30)}.${'b'.repeat(42)}`,
    `${'a'.repeat(500)}.${'b'.repeat(43)}`,
    '{"v":1}.x',
  ])('is refused as malformed when it is not one: %j', (malformed) => {
    expect(checkFormToken(secret, malformed, survey, issuedAt)).toMatchObject({
      refusal: 'FORM_TOKEN_MALFORMED',
    });
  });

  it('carries nothing but the survey, a nonce and when it was issued', () => {
    const payload = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as object;
    expect(Object.keys(payload).sort()).toEqual(['issuedAt', 'nonce', 'survey', 'v']);
  });
});
