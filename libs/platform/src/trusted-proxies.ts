import { isIP } from 'node:net';
import {
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

/**
 * Whether `entry` is an IPv4 or IPv6 address, or a CIDR range of one (`10.0.0.0/8`, `fd00::/8`):
 * what Express's `trust proxy` (proxy-addr) takes. Its other forms — names such as `loopback`,
 * dotted netmasks, shorthand or octal IPv4 (`10.1`, `010.0.0.1`), zone ids — are refused, so the
 * setting reads the same to everyone.
 */
export function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = address.includes('%') ? 0 : isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  // proxy-addr refuses a prefix of 0: trusting every address would believe every client.
  return /^[1-9]\d{0,2}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** TRUSTED_PROXIES: every entry an address or a range; the message names the first that is not. */
@ValidatorConstraint({ name: 'trustedProxies' })
export class TrustedProxiesConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      Array.isArray(value) &&
      value.every((entry) => typeof entry === 'string' && isAddressOrRange(entry))
    );
  }

  defaultMessage(args: ValidationArguments): string {
    const entries: unknown[] = Array.isArray(args.value) ? args.value : [args.value];
    const bad = entries.find((entry) => typeof entry !== 'string' || !isAddressOrRange(entry));
    return `TRUSTED_PROXIES must list IP addresses and CIDR ranges separated by commas (e.g. 10.0.0.0/8,fd00::/8): ${JSON.stringify(bad)} is neither`;
  }
}
