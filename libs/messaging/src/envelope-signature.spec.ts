import {
  EnvelopeSigner,
  ForgedEnvelope,
  parseSigningKeys,
  SIGNATURE_HEADER,
} from './envelope-signature';

const CURRENT = { id: 'k2', secret: 'a-current-secret-of-at-least-32-chars!' };
const RETIRED = { id: 'k1', secret: 'an-older-secret-still-being-consumed-00' };

const message = {
  key: 'referral-1',
  value: Buffer.from('{"referralId":"referral-1"}'),
  headers: {
    ce_id: 'event-1',
    ce_type: 'concord.referral.submitted.v1',
    ce_source: '/concord/referrals',
    ce_time: '2026-12-01T10:00:00.000Z',
    ce_subject: 'referral-1',
    ce_correlationid: 'event-1',
    'content-type': 'application/json',
  },
};

const signed = (signer = new EnvelopeSigner([CURRENT])) => ({
  ...message,
  headers: signer.sign(message),
});

describe('EnvelopeSigner', () => {
  it('verifies a message it signed', () => {
    expect(() => new EnvelopeSigner([CURRENT]).verify(signed())).not.toThrow();
  });

  it('refuses a message whose value was altered after signing', () => {
    const altered = { ...signed(), value: Buffer.from('{"referralId":"referral-2"}') };
    expect(() => new EnvelopeSigner([CURRENT]).verify(altered)).toThrow(ForgedEnvelope);
  });

  it('refuses a message whose event type was altered after signing', () => {
    const original = signed();
    const altered = { ...original, headers: { ...original.headers, ce_type: 'concord.x.v1' } };
    expect(() => new EnvelopeSigner([CURRENT]).verify(altered)).toThrow(/does not match/);
  });

  it('refuses a message moved to another key', () => {
    const altered = { ...signed(), key: 'referral-2' };
    expect(() => new EnvelopeSigner([CURRENT]).verify(altered)).toThrow(ForgedEnvelope);
  });

  it('refuses an unsigned message, naming the missing header', () => {
    expect(() => new EnvelopeSigner([CURRENT]).verify(message)).toThrow(
      `header ${SIGNATURE_HEADER} is missing`,
    );
  });

  it('refuses a signature made with a key it does not hold', () => {
    const stranger = new EnvelopeSigner([{ id: 'k9', secret: 'x'.repeat(40) }]);
    expect(() => new EnvelopeSigner([CURRENT]).verify(signed(stranger))).toThrow(
      'key "k9" is not one this service trusts',
    );
  });

  it('refuses a signature that claims a trusted key id but was made with another secret', () => {
    const impostor = new EnvelopeSigner([{ id: CURRENT.id, secret: 'y'.repeat(40) }]);
    expect(() => new EnvelopeSigner([CURRENT]).verify(signed(impostor))).toThrow(/does not match/);
  });

  it('during a rotation signs with the newest key and still verifies the retired one', () => {
    const rotating = new EnvelopeSigner([CURRENT, RETIRED]);
    expect(rotating.sign(message)[SIGNATURE_HEADER]).toMatch(/^k2:/);
    expect(() => rotating.verify(signed(new EnvelopeSigner([RETIRED])))).not.toThrow();
  });
});

describe('parseSigningKeys', () => {
  it('splits each entry at its first colon, so a secret may contain colons', () => {
    expect(parseSigningKeys(['k1:abc:def'])).toEqual([{ id: 'k1', secret: 'abc:def' }]);
  });

  it('reads an unset setting as no keys', () => {
    expect(parseSigningKeys(undefined)).toEqual([]);
  });
});
