/**
 * Re-wraps every referral's data key under the newest master key (docs/security.md, "Personal
 * data at rest"):
 *   REFERRALS_MASTER_KEYS=<new>,<old> DATABASE_URL=... npm run referrals:rotate-key
 */
import 'reflect-metadata';
import { rotateKeyCommand } from '../apps/referrals/src';

rotateKeyCommand(process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
