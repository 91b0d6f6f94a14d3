import { CONCORD_HSDS_NAMESPACE, stableUuid, uuidV5 } from './stable-uuid';

/** RFC 9562 Appendix A.4 and RFC 4122 Appendix C: the DNS name-space. */
const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('uuidV5', () => {
  it('matches the RFC 9562 version-5 example for www.example.com', () => {
    expect(uuidV5(DNS_NAMESPACE, 'www.example.com')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('accepts a name-space written in capitals as the same name-space', () => {
    expect(uuidV5(DNS_NAMESPACE.toUpperCase(), 'www.example.com')).toBe(
      uuidV5(DNS_NAMESPACE, 'www.example.com'),
    );
  });

  it('refuses a name-space that is not a uuid', () => {
    expect(() => uuidV5('not-a-uuid', 'x')).toThrow(TypeError);
  });
});

describe('stableUuid', () => {
  it('gives the same id for the same parts on every call', () => {
    expect(stableUuid('a', 'b')).toBe(stableUuid('a', 'b'));
  });

  it('is a version-5 uuid of the RFC 9562 variant', () => {
    expect(stableUuid('service', 'x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('keeps the parts apart, so that differently split parts do not collide', () => {
    expect(stableUuid('a-b', 'c')).not.toBe(stableUuid('a', 'b-c'));
    expect(stableUuid('ab')).not.toBe(stableUuid('a', 'b'));
  });

  it('derives in the fixed Concord name-space, so published ids never move', () => {
    expect(CONCORD_HSDS_NAMESPACE).toBe('d03eeb59-fba2-4610-9ded-ae1c825e0895');
    expect(stableUuid('x')).toBe(uuidV5(CONCORD_HSDS_NAMESPACE, '["x"]'));
  });
});
