import { EntityManager } from 'typeorm';
import { FundingEvents } from '@concord/contracts';
import { weekStartOf, weekStartSql } from './week';

/**
 * The rollups the projection keeps besides the facts: weekly_figures, area_figures and
 * area_carrier_figures. The projection (insights.projection.ts) adds to them in the transaction
 * that records each event, after recorded_events refused a redelivered one, so that an event
 * counts once and the rebuild, replaying the same events, makes the same rows. A row is only
 * written when something is added to it: a rollup holds no row of zeros.
 */

/** Stands for an initiative or an agreement insights does not know: the nil UUID, never an id. */
export const UNKNOWN_ID = '00000000-0000-0000-0000-000000000000';
/** Stands for the area of a referral whose referral.submitted is not recorded: not a geohash. */
export const UNKNOWN_AREA = 'unknown';

export const WEEKLY_COLUMNS = [
  'assigned',
  'assign_seconds_sum',
  'accepted',
  'accept_seconds_sum',
  'offers_accepted',
  'offers_declined',
  'offers_expired',
  'successful',
  'unsuccessful',
  'charged_cents',
] as const;
type WeeklyColumn = (typeof WEEKLY_COLUMNS)[number];
/** Seconds come from SQL as numeric text, so that sums stay exact. */
type Amounts<C extends string> = Partial<Record<C, number | string>>;

/** Inserts the row `key` with `amounts`, or adds them to its columns; nothing for zeros. */
async function addTo<C extends string>(
  manager: EntityManager,
  table: string,
  key: Record<string, string>,
  amounts: Amounts<C>,
): Promise<void> {
  const added = (Object.entries(amounts) as [C, number | string | undefined][]).filter(
    ([, amount]) => amount !== undefined && Number(amount) !== 0,
  );
  if (added.length === 0) return;
  const keys = Object.keys(key);
  const columns = [...keys, ...added.map(([column]) => column)];
  await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET
       ${added.map(([column]) => `${column} = ${table}.${column} + excluded.${column}`).join(', ')}`,
    [...Object.values(key), ...added.map(([, amount]) => amount)],
  );
}

/** Adds `amounts` to the week of `at` (the event's time) of the initiative (UNKNOWN_ID if null). */
export async function addToWeek(
  manager: EntityManager,
  at: string,
  initiativeId: string | null,
  amounts: Amounts<WeeklyColumn>,
): Promise<void> {
  await addTo(
    manager,
    'weekly_figures',
    { week_start: weekStartOf(Date.parse(at)), initiative_id: initiativeId ?? UNKNOWN_ID },
    amounts,
  );
}

export const addToArea = (
  manager: EntityManager,
  areaCode: string | null,
  column: 'submitted' | 'unassignable' | 'accepted' | 'completed' | 'cancelled',
): Promise<void> =>
  addTo(manager, 'area_figures', { area_code: areaCode ?? UNKNOWN_AREA }, { [column]: 1 });

/** The partner's offer a carrier figure counts on: its agreement and initiative. */
export interface OfferTerms {
  partnerId: string;
  agreementId: string;
  initiativeId: string;
}

export const addToCarrier = (
  manager: EntityManager,
  areaCode: string | null,
  offer: OfferTerms,
  column: 'offered' | 'accepted' | 'completed',
): Promise<void> =>
  addTo(
    manager,
    'area_carrier_figures',
    {
      area_code: areaCode ?? UNKNOWN_AREA,
      partner_id: offer.partnerId,
      agreement_id: offer.agreementId,
      initiative_id: offer.initiativeId,
    },
    { [column]: 1 },
  );

/**
 * The partner's offer of the referral that its acceptance or completion counts on: the one it
 * accepted, else its latest; unknown terms when the partner was never offered it.
 */
export async function offerOfPartner(
  manager: EntityManager,
  referralId: string,
  partnerId: string,
): Promise<OfferTerms> {
  const [offer] = (await manager.query(
    `SELECT agreement_id, initiative_id FROM referral_offers
      WHERE referral_id = $1 AND partner_id = $2
      ORDER BY ending = 'accepted' DESC NULLS LAST, offered_at DESC LIMIT 1`,
    [referralId, partnerId],
  )) as { agreement_id: string; initiative_id: string }[];
  return {
    partnerId,
    agreementId: offer?.agreement_id ?? UNKNOWN_ID,
    initiativeId: offer?.initiative_id ?? UNKNOWN_ID,
  };
}

/** What referral_facts said of a referral before the event being projected changed it. */
export interface FactBefore {
  initiativeId: string | null;
  areaCode: string | null;
  submitted: boolean;
  assigned: boolean;
  unassignable: boolean;
  accepted: boolean;
  completed: boolean;
  cancelled: boolean;
  /** The event's time − submission, seconds (numeric text); null before the submission. */
  secondsSinceSubmitted: string | null;
  /** The event's time − the latest offer, seconds (numeric text); null before any offer. */
  secondsSinceLastAssigned: string | null;
}

/**
 * The referral's fact row before the event at `at` is merged into it. FOR UPDATE, so that what it
 * reads stays true until the commit: a charge of the referral projected at the same time from
 * another topic either committed before (and a first offer moves it, moveChargesToInitiative) or
 * waits for this transaction and then reads the initiative the offer set.
 */
export async function factBefore(
  manager: EntityManager,
  referralId: string,
  at: string,
): Promise<FactBefore> {
  const [row] = (await manager.query(
    `SELECT initiative_id, area_code,
            submitted_at IS NOT NULL AS submitted,
            first_assigned_at IS NOT NULL AS assigned,
            unassignable_count > 0 AS unassignable,
            accepted_at IS NOT NULL AS accepted,
            completed_at IS NOT NULL AS completed,
            cancelled_at IS NOT NULL AS cancelled,
            extract(epoch FROM $2::timestamptz - submitted_at)::text AS since_submitted,
            extract(epoch FROM $2::timestamptz - last_assigned_at)::text AS since_last_assigned
       FROM referral_facts WHERE referral_id = $1 FOR UPDATE`,
    [referralId, at],
  )) as (Omit<FactBefore, 'initiativeId' | 'areaCode' | `seconds${string}`> & {
    initiative_id: string | null;
    area_code: string | null;
    since_submitted: string | null;
    since_last_assigned: string | null;
  })[];
  return {
    initiativeId: row?.initiative_id ?? null,
    areaCode: row?.area_code ?? null,
    submitted: row?.submitted ?? false,
    assigned: row?.assigned ?? false,
    unassignable: row?.unassignable ?? false,
    accepted: row?.accepted ?? false,
    completed: row?.completed ?? false,
    cancelled: row?.cancelled ?? false,
    secondsSinceSubmitted: row?.since_submitted ?? null,
    secondsSinceLastAssigned: row?.since_last_assigned ?? null,
  };
}

const ALL_ZERO = WEEKLY_COLUMNS.map((column) => `${column} = 0`).join(' AND ');

/**
 * At a referral's first offer, when its initiative becomes known: the charges recorded before
 * (funding's topic may run ahead of the referrals topic, in a rebuild above all) were counted
 * under UNKNOWN_ID; they move, each in its own week, to the initiative. So a charge ends up under
 * the referral's initiative whatever order the topics arrive in, and the unknown initiative keeps
 * only the charges of referrals never offered. Called after the offer is merged into the fact
 * row: a charge committed by then is in recorded_events, and one being projected at the same time
 * waits for the row and then reads the initiative (factBefore).
 */
export async function moveChargesToInitiative(
  manager: EntityManager,
  referralId: string,
  initiativeId: string,
): Promise<void> {
  const moved = (await manager.query(
    `WITH charges AS (
       SELECT ${weekStartSql('occurred_at')} AS week_start,
              sum((data ->> 'amountCents')::bigint) AS cents
         FROM recorded_events
        WHERE data ->> 'referralId' = $1 AND type = $2
        GROUP BY 1
     ), taken AS (
       UPDATE weekly_figures w SET charged_cents = w.charged_cents - c.cents
         FROM charges c WHERE w.week_start = c.week_start AND w.initiative_id = $4
     )
     INSERT INTO weekly_figures (week_start, initiative_id, charged_cents)
     SELECT week_start, $3, cents FROM charges WHERE cents <> 0
     ON CONFLICT (week_start, initiative_id) DO UPDATE SET
       charged_cents = weekly_figures.charged_cents + excluded.charged_cents
     RETURNING week_start::text AS week_start`,
    [referralId, FundingEvents.charged.type, initiativeId, UNKNOWN_ID],
  )) as { week_start: string }[];
  if (moved.length === 0) return;
  await manager.query(
    `DELETE FROM weekly_figures
      WHERE initiative_id = $1 AND week_start = ANY($2::date[]) AND ${ALL_ZERO}`,
    [UNKNOWN_ID, moved.map((row) => row.week_start)],
  );
}
