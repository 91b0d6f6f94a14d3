import { PostgresInstance } from './postgres-instance';
import {
  Acknowledgement,
  FactRow,
  LedgerRow,
  ObservedState,
  OfferRow,
  ReferralRow,
  WebhookReceipt,
} from './reconciliation';

/**
 * Reads what each service holds about the scenario's referrals, straight from its database: the
 * referrals whose incident reference carries the scenario's prefix (so a second referral for one
 * submission shows up too), and every row the other services keep about them.
 */
export async function observe(
  postgres: PostgresInstance,
  incidentPrefix: string,
  acks: readonly Acknowledgement[],
  receipts: readonly WebhookReceipt[],
): Promise<ObservedState> {
  const referrals = await postgres.query<ReferralRow>(
    'concord_referrals',
    `SELECT id, incident_reference AS "incidentReference", status
       FROM referrals WHERE starts_with(incident_reference, $1)`,
    [`${incidentPrefix}-`],
  );
  const ids = [
    ...new Set([...acks.map((ack) => ack.referralId), ...referrals.map((row) => row.id)]),
  ];
  const offers = await postgres.query<OfferRow>(
    'concord_referrals',
    `SELECT referral_id AS "referralId", partner_id AS "partnerId"
       FROM offers WHERE referral_id = ANY($1::uuid[])`,
    [ids],
  );
  const ledger = (
    await postgres.query<LedgerRow & { amountCents: string }>(
      'concord_funding',
      `SELECT referral_id AS "referralId", kind, amount_cents AS "amountCents"
         FROM ledger_entries WHERE referral_id = ANY($1::uuid[])`,
      [ids],
    )
  ).map((row) => ({ ...row, amountCents: Number(row.amountCents) }));
  const facts = (
    await postgres.query<FactRow & { chargedCents: string }>(
      'concord_insights',
      `SELECT referral_id AS "referralId", accepted_at IS NOT NULL AS accepted,
              completed_at IS NOT NULL AS completed, charged_cents AS "chargedCents"
         FROM referral_facts WHERE referral_id = ANY($1::uuid[])`,
      [ids],
    )
  ).map((row) => ({ ...row, chargedCents: Number(row.chargedCents) }));
  const wanted = new Set(ids);
  return {
    referrals,
    offers,
    ledger,
    facts,
    receipts: receipts.filter((receipt) => wanted.has(receipt.referralId)),
  };
}
