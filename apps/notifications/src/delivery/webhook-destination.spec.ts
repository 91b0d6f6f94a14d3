import { isNonPublicAddress, nonPublicDestination } from './webhook-destination';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.9',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '2606:4700::1111'])('allows %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('nonPublicDestination', () => {
  it('names the loopback address a host name resolves to', async () => {
    expect(await nonPublicDestination('https://localhost:8443/hook')).toMatch(
      /^localhost resolves to (127\.0\.0\.1|::1), a private, loopback or link-local address$/,
    );
  });

  it('refuses an IPv6 literal in brackets', async () => {
    expect(await nonPublicDestination('https://[::1]/hook')).toContain('::1');
  });

  it('allows a public address literal', async () => {
    expect(await nonPublicDestination('https://93.184.215.14/hook')).toBeUndefined();
  });
});
