import { signWebhook } from './webhook-signature';

describe('the webhook signature', () => {
  it('is v1= and the hex HMAC-SHA256 of "<timestamp>.<raw body>" with the secret', () => {
    // Computed apart: printf '%s' '1795323597.{"id":"n-1"}' | openssl dgst -sha256 -hmac <secret>
    expect(signWebhook('whsec_0123456789abcdef0123456789abcdef', 1795323597, '{"id":"n-1"}')).toBe(
      'v1=1669470fee07cf94b1d971eeab583dbff819b0dcad3a72d2e096a44094b5ff01',
    );
  });

  it('changes with the timestamp, so an old signature cannot be replayed with a new one', () => {
    const secret = 'x'.repeat(32);
    expect(signWebhook(secret, 1, '{}')).not.toBe(signWebhook(secret, 2, '{}'));
  });
});
