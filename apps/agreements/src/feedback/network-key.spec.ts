import { randomBytes } from 'node:crypto';
import { SKETCH_ROWS, SKETCH_WIDTH, networkOf, sketchSlots, windowOf } from './network-key';

describe('the network a survey answer is counted under', () => {
  it.each([
    ['203.0.113.57', '203.0.113.0/24'],
    ['::ffff:203.0.113.57', '203.0.113.0/24'],
    ['2001:db8:85a3::8a2e:370:7334', '2001:0db8:85a3::/48'],
    ['2001:DB8:85A3:1:2:3:4:5', '2001:0db8:85a3::/48'],
    ['::1', '0000:0000:0000::/48'],
    ['fe80::1%eth0', 'fe80:0000:0000::/48'],
  ])('puts %s in %s', (address, network) => {
    expect(networkOf(address)).toBe(network);
  });

  it('puts two addresses of one /24 in one network and of two /24s in two', () => {
    expect(networkOf('198.51.100.1')).toBe(networkOf('198.51.100.254'));
    expect(networkOf('198.51.100.1')).not.toBe(networkOf('198.51.101.1'));
  });

  it('puts two addresses of one IPv6 /48 in one network', () => {
    expect(networkOf('2001:db8:1::1')).toBe(networkOf('2001:db8:1:ffff::9'));
  });

  it.each(['', 'localhost', '300.1.2.3', '1.2.3', 'not an address'])(
    'has no network for %j',
    (address) => {
      expect(networkOf(address)).toBeUndefined();
    },
  );

  it("names the day's window in UTC", () => {
    expect(windowOf(new Date('2026-12-07T23:59:59-05:00'))).toBe('2026-12-08');
  });

  it("puts one network in the same slots under one day's key and in others under the next day's", () => {
    const today = randomBytes(32);
    const tomorrow = randomBytes(32);
    expect(sketchSlots(today, '203.0.113.0/24')).toEqual(sketchSlots(today, '203.0.113.0/24'));
    expect(sketchSlots(today, '203.0.113.0/24')).not.toEqual(
      sketchSlots(tomorrow, '203.0.113.0/24'),
    );
  });

  it('gives a network one slot within the width in each row of the sketch', () => {
    const slots = sketchSlots(randomBytes(32), '2001:0db8:0001::/48');
    expect(slots).toHaveLength(SKETCH_ROWS);
    for (const slot of slots)
      expect(Number.isInteger(slot) && slot >= 0 && slot < SKETCH_WIDTH).toBe(true);
  });
});
