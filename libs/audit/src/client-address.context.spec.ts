import { plainAddress } from './client-address.context';

describe("the caller's address on audit records", () => {
  it('is an IPv4 address when a dual-stack socket gives it IPv4-mapped', () => {
    expect(plainAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('is any other address as it is', () => {
    expect([plainAddress('203.0.113.7'), plainAddress('2001:db8::7'), plainAddress('::1')]).toEqual(
      ['203.0.113.7', '2001:db8::7', '::1'],
    );
  });
});
