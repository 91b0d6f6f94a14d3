import express from 'express';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';
import { isAddressOrRange } from './trusted-proxies';

const BASE = {
  HTTP_PORT: '3000',
  DATABASE_URL: 'postgres://concord@127.0.0.1:5432/concord_referrals',
  KAFKA_BROKERS: '127.0.0.1:9092',
  AUTH_PUBLIC_KEY_FILE: '/keys/dev-public.pem',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(ServiceConfig, { ...BASE, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
};

const ACCEPTED = [
  '127.0.0.1',
  '10.0.0.0/8',
  '10.42.0.0/16',
  '128.0.0.0/1',
  '192.0.2.7/32',
  '::1',
  'fd00::/8',
  '2001:db8::/32',
  '::ffff:10.0.0.1',
  '2001:db8::1/128',
];

describe('an entry of TRUSTED_PROXIES', () => {
  it.each(ACCEPTED)('may be %s', (entry) => {
    expect(isAddressOrRange(entry)).toBe(true);
  });

  it("is one Express's trust proxy takes, whenever it is accepted (so start-up never throws)", () => {
    expect(() => express().set('trust proxy', ACCEPTED)).not.toThrow();
  });

  it.each([
    ['an address out of range', '10.0.0.300'],
    ['every address (a prefix of 0)', '0.0.0.0/0'],
    ['every IPv6 address', '::/0'],
    ['a shorthand IPv4 address', '10.1'],
    ['an octal IPv4 address', '010.0.0.1'],
    ['a host name', 'ingress.example'],
    ['a proxy-addr name', 'loopback'],
    ['an IPv4 prefix over 32', '10.0.0.0/33'],
    ['an IPv6 prefix over 128', 'fd00::/129'],
    ['a dotted netmask', '10.0.0.0/255.0.0.0'],
    ['an empty prefix', '10.0.0.0/'],
    ['two prefixes', '10.0.0.0/8/8'],
    ['a zone id', 'fe80::1%eth0'],
    ['a port', '10.0.0.1:8080'],
  ])('may not be %s (%s)', (_what, entry) => {
    expect(isAddressOrRange(entry)).toBe(false);
  });
});

describe('the TRUSTED_PROXIES setting', () => {
  it('trusts no proxy when unset', () => {
    expect(loadConfig(ServiceConfig, BASE).TRUSTED_PROXIES).toEqual([]);
  });

  it('reads a comma-separated list of addresses and ranges, IPv4 and IPv6', () => {
    expect(
      loadConfig(ServiceConfig, {
        ...BASE,
        TRUSTED_PROXIES: '10.42.0.0/16, fd00:42::/64,127.0.0.1',
      }).TRUSTED_PROXIES,
    ).toEqual(['10.42.0.0/16', 'fd00:42::/64', '127.0.0.1']);
  });

  it('refuses a list with one bad entry, naming the setting and the entry', () => {
    expect(problemsOf({ TRUSTED_PROXIES: '10.42.0.0/16,10.0.0.0/40' })).toEqual([
      expect.stringMatching(
        /^TRUSTED_PROXIES: TRUSTED_PROXIES must list IP addresses and CIDR ranges .*"10\.0\.0\.0\/40" is neither/,
      ),
    ]);
  });
});
