import { Transform } from 'class-transformer';
import {
  IsInt,
  Max,
  Min,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ServiceConfig, toInt } from '@concord/platform';
import { MasterKeyring, masterKeyring, parseMasterKeys } from './personal-data/master-keyring';

const MASTER_KEYS_FORMAT =
  'REFERRALS_MASTER_KEYS must be <id>:<32 bytes in base64>[,<id>:<key>...], newest first (required in production)';

@ValidatorConstraint({ name: 'masterKeys' })
class MasterKeysConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && parseMasterKeys(value).ok;
  }

  defaultMessage(args: ValidationArguments): string {
    const parsed = typeof args.value === 'string' ? parseMasterKeys(args.value) : undefined;
    return `${MASTER_KEYS_FORMAT}${parsed && !parsed.ok ? `: ${parsed.problem}` : ''}`;
  }
}

/** The settings of the referrals service: the common ones, with its own default port. */
export class ReferralsConfig extends ServiceConfig {
  override HTTP_PORT = 3001;

  /** How often offers past their acceptance deadline are looked for and re-routed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  REFERRALS_DEADLINE_SWEEP_MS = 5_000;

  /**
   * The master keys that wrap each referral's data key (envelope encryption of personal data at
   * rest), `<id>:<openssl rand -base64 32>`, newest first; older ones open what was wrapped under
   * them until `npm run referrals:rotate-key` re-wraps it. Required in production; without it,
   * elsewhere, the development key seals (a warning at start-up says so).
   */
  @ValidateIf(
    (config: ReferralsConfig) =>
      config.NODE_ENV === 'production' || config.REFERRALS_MASTER_KEYS !== undefined,
  )
  @Validate(MasterKeysConstraint)
  REFERRALS_MASTER_KEYS?: string;

  get masterKeyring(): MasterKeyring {
    const keyring = masterKeyring(this.REFERRALS_MASTER_KEYS, this.NODE_ENV === 'production');
    if (!keyring) throw new Error(MASTER_KEYS_FORMAT);
    return keyring;
  }
}
