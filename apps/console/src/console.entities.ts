import { ReferralChange, ReferralParties } from './live/referral-parties.entity';
import { ConsoleSession, PendingSignIn } from './session/console-session.entity';

export const CONSOLE_ENTITIES = [ConsoleSession, PendingSignIn, ReferralParties, ReferralChange];
