import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must not reach unless the operator allows private networks: loopback,
 * private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified,
 * multicast and reserved ranges. A webhook URL is given by a partner; without this a partner could
 * make Concord call into the network it runs in (OWASP API7:2023, server-side request forgery).
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** True for an IP address a webhook may not reach by default (IPv4-mapped IPv6 included). */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`${address} is not an IP address`);
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Why `url` may not receive webhooks, or undefined when it may: every address its host resolves
 * to must be public. Checked when a subscription is made and again before each call, since DNS
 * answers change.
 */
export async function nonPublicDestination(url: string): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses =
    isIP(host) === 0 ? (await lookup(host, { all: true })).map(({ address }) => address) : [host];
  const blocked = addresses.find(isNonPublicAddress);
  return blocked === undefined
    ? undefined
    : `${host} resolves to ${blocked}, a private, loopback or link-local address`;
}
