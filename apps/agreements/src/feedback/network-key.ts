import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * How the public survey limits answers per network without keeping an address: the network a
 * request comes from (an IPv4 /24, an IPv6 /48 — what one household, office or phone carrier's
 * customer is usually given) is hashed with HMAC-SHA256 under the day's key into one slot of
 * each row of a count-min sketch, and only the slots' counts are kept: no list of hashes, so
 * nothing in the table names one network (every slot is shared by many). The day's key is random,
 * made by whichever instance needs it first and kept in PostgreSQL so every instance counts alike,
 * and deleted with the day's counts when the day's window is over: from then on no one, not even
 * with the database, can tell which networks answered. No address, prefix or hash is ever written
 * to an answer.
 */
export const SKETCH_ROWS = 4;
export const SKETCH_WIDTH = 4096;

/** The network of an address: its IPv4 /24 or IPv6 /48 (an IPv4-mapped IPv6 address as IPv4). */
export function networkOf(address: string): string | undefined {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  const plain = mapped ? mapped[1] : address;
  if (isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  if (!isIPv6(plain)) return undefined;
  return `${expandIPv6(plain).slice(0, 3).join(':')}::/48`;
}

/** The day's window a moment falls in (UTC), which names the key: `2026-12-07`. */
export function windowOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * The network's slot in each row of the day's sketch: the first 4 bytes of
 * HMAC-SHA256(dayKey, network ‖ row) modulo the width. Its count is the least of its slots'.
 */
export function sketchSlots(dayKey: Buffer, network: string): number[] {
  return Array.from(
    { length: SKETCH_ROWS },
    (_, row) =>
      createHmac('sha256', dayKey).update(network).update(Buffer.of(row)).digest().readUInt32BE(0) %
      SKETCH_WIDTH,
  );
}

/** The eight 16-bit groups of an IPv6 address, each as four hex digits. */
function expandIPv6(address: string): string[] {
  const withoutZone = address.split('%')[0];
  const [head, tail] = withoutZone.includes('::')
    ? withoutZone.split('::')
    : [withoutZone, undefined];
  const groupsOf = (part: string | undefined): string[] =>
    part
      ? part.split(':').flatMap((group) => (group.includes('.') ? ipv4Groups(group) : [group]))
      : [];
  const left = groupsOf(head);
  const right = groupsOf(tail);
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    group.toLowerCase().padStart(4, '0'),
  );
}

/** An embedded IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) as two IPv6 groups. */
function ipv4Groups(ipv4: string): string[] {
  const [a, b, c, d] = ipv4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
