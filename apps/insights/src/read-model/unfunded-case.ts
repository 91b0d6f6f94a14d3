/**
 * When the referral of the referral_facts row `fact` became an unfunded case, or null: the
 * partner accepted an offer whose reservation funding rejected (funding_rejections.offer_id is
 * the offer), and nothing was charged for it. The rejection reached the referrals service after
 * the acceptance, which it keeps; funding had no reservation to charge. Both events are needed,
 * from two topics in either order: the later of the two is when it became unfunded. The CASE
 * looks for the rejection only where it can matter (accepted, nothing charged): most are charged.
 */
export const unfundedSince = (fact: string): string => `
  CASE WHEN ${fact}.accepted_at IS NOT NULL AND ${fact}.charged_cents = 0 THEN
    (SELECT GREATEST(o.ended_at, r.rejected_at)
       FROM referral_offers o JOIN funding_rejections r ON r.offer_id = o.offer_id
      WHERE o.referral_id = ${fact}.referral_id AND o.ending = 'accepted'
      ORDER BY 1 LIMIT 1)
  END`;
