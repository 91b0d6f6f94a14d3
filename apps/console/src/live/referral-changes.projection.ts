import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@concord/contracts';

/** Changes are kept this long for browsers that reconnect; older events only update the owners. */
export const CHANGE_LOG_RETENTION_MS = 24 * 60 * 60_000;
/** The PostgreSQL channel on which every console instance hears of a new change. */
export const CHANGES_CHANNEL = 'console_referral_changes';

/**
 * Applies one referral event: who the referral belongs to (the agency from referral.submitted,
 * each partner from referral.assigned), then a change row, and a NOTIFY that PostgreSQL delivers
 * to every console instance when the transaction commits. A replay of old history (a new console
 * database) builds the owners without flooding browsers with changes of long ago.
 */
export async function projectReferralEvent(
  manager: EntityManager,
  envelope: EventEnvelope,
  owners: { agencyId?: string; partnerId?: string },
): Promise<void> {
  const referralId = envelope.subject;
  const [parties] = (await manager.query(
    `INSERT INTO console_referral_parties (referral_id, agency_id, partner_ids)
     VALUES ($1, $2, CASE WHEN $3::uuid IS NULL THEN '{}'::uuid[] ELSE ARRAY[$3::uuid] END)
     ON CONFLICT (referral_id) DO UPDATE SET
       agency_id = COALESCE(console_referral_parties.agency_id, EXCLUDED.agency_id),
       partner_ids = CASE
         WHEN $3::uuid IS NULL OR $3::uuid = ANY (console_referral_parties.partner_ids)
           THEN console_referral_parties.partner_ids
         ELSE console_referral_parties.partner_ids || $3::uuid END
     RETURNING agency_id, partner_ids`,
    [referralId, owners.agencyId ?? null, owners.partnerId ?? null],
  )) as { agency_id: string | null; partner_ids: string[] }[];
  if (Date.now() - Date.parse(envelope.time) > CHANGE_LOG_RETENTION_MS) return;
  const [change] = (await manager.query(
    `INSERT INTO console_referral_changes (referral_id, type, agency_id, partner_ids, occurred_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING seq`,
    [
      referralId,
      envelope.type,
      parties?.agency_id ?? null,
      parties?.partner_ids ?? [],
      envelope.time,
    ],
  )) as { seq: string }[];
  await manager.query(`SELECT pg_notify($1, $2)`, [CHANGES_CHANNEL, change?.seq ?? '']);
}
