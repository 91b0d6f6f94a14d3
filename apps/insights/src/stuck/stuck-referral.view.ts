import { OpenState } from './stuck-rules';

/** A referral whose current state has lasted longer than its rule allows. */
export interface StuckReferralView {
  referralId: string;
  agencyId: string | null;
  category: string | null;
  urgency: string | null;
  initiativeId: string | null;
  /** The partner of the latest offer (the open one when offered). */
  partnerId: string | null;
  state: OpenState;
  /** The state's rule (no-assignment, offer-past-deadline, …), or `unfunded`, which comes first. */
  rule: string;
  /** Accepted before funding rejected the offer's reservation: nothing reserved or charged. */
  unfunded: boolean;
  /** When the current state began. */
  since: string;
  /**
   * When it became stuck: acceptBy + grace for an offer, else `since` + the state's limit; for an
   * unfunded case, when both the acceptance and the rejection were known.
   */
  stuckSince: string;
  inStateSeconds: number;
  overdueSeconds: number;
  /** The open offer's deadline; null in other states. */
  acceptBy: string | null;
}

export interface StuckReferralsView {
  asOf: string;
  rules: {
    offerGraceMinutes: number;
    unassignedMinutes: number;
    noContactHours: number;
    noOutcomeDays: number;
  };
  /** How many referrals are stuck in all; `referrals` holds the first `limit`, longest overdue first. */
  total: number;
  referrals: StuckReferralView[];
}
