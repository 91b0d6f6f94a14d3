import { EntityManager } from 'typeorm';
import {
  BudgetStateV1,
  EventDefinition,
  EventEnvelope,
  FundingEvents,
  FundingReleasedV1,
  FundingReservationV1,
  ReferralEvents,
} from '@concord/contracts';
import { RecordedEvent } from '../event-log/recorded-event.entity';
import { PARTNERSHIP_PROJECTIONS } from '../partnership/partnership.projection';
import { OfferEnding } from './referral-offer.entity';
import {
  addToArea,
  addToCarrier,
  addToWeek,
  factBefore,
  moveChargesToInitiative,
  offerOfPartner,
} from './rollups';

/**
 * How a column of referral_facts takes a new value when the row exists. Each rule gives the same
 * row whatever order the events arrive in, so that a funding event read before the referral
 * events it follows (they travel on different topics) changes nothing.
 */
type Merge = (column: string) => string;
const replace: Merge = (column) => `excluded.${column}`;
const keepFirst: Merge = (column) => `COALESCE(referral_facts.${column}, excluded.${column})`;
const earliest: Merge = (column) => `LEAST(referral_facts.${column}, excluded.${column})`;
const latest: Merge = (column) => `GREATEST(referral_facts.${column}, excluded.${column})`;
const add: Merge = (column) => `referral_facts.${column} + excluded.${column}`;
/** The value that comes with the earliest (or latest) `time` column wins. */
const withEarliest =
  (time: string): Merge =>
  (column) =>
    `CASE WHEN referral_facts.${time} IS NULL OR excluded.${time} < referral_facts.${time}
          THEN excluded.${column} ELSE referral_facts.${column} END`;
const withLatest =
  (time: string): Merge =>
  (column) =>
    `CASE WHEN referral_facts.${time} IS NULL OR excluded.${time} >= referral_facts.${time}
          THEN excluded.${column} ELSE referral_facts.${column} END`;

type FactColumn = readonly [column: string, value: unknown, merge: Merge];

/**
 * Inserts the referral's fact row with `columns`, or merges them into the existing row; returns
 * the row's initiative after the merge.
 */
async function mergeFact(
  manager: EntityManager,
  referralId: string,
  columns: readonly FactColumn[],
): Promise<string | null> {
  const names = columns.map(([column]) => column);
  const placeholders = columns.map((_, index) => `$${index + 2}`);
  const [row] = (await manager.query(
    `INSERT INTO referral_facts (referral_id, ${names.join(', ')})
     VALUES ($1, ${placeholders.join(', ')})
     ON CONFLICT (referral_id) DO UPDATE SET
       ${columns.map(([column, , merge]) => `${column} = ${merge(column)}`).join(',\n       ')}
     RETURNING initiative_id`,
    [referralId, ...columns.map(([, value]) => value)],
  )) as { initiative_id: string | null }[];
  return row.initiative_id;
}

/** Ends the partner's open offer of the referral (there is at most one); returns how many ended. */
async function endOffer(
  manager: EntityManager,
  referralId: string,
  partnerId: string | undefined,
  ending: OfferEnding,
  endedAt: string,
  reason: string | null = null,
): Promise<number> {
  // TypeORM answers an UPDATE with [rows, affected row count].
  const [, ended] = (await manager.query(
    `UPDATE referral_offers SET ending = $3, reason = $4, ended_at = $5
      WHERE referral_id = $1 AND ending IS NULL AND ($2::uuid IS NULL OR partner_id = $2)`,
    [referralId, partnerId ?? null, ending, reason, endedAt],
  )) as [unknown[], number];
  return ended;
}

type Apply<P> = (
  manager: EntityManager,
  data: P,
  at: string,
  event: EventEnvelope,
) => Promise<void>;

const on = <P extends object>(definition: EventDefinition<P>, apply: Apply<P>) =>
  [definition.type, apply as Apply<unknown>] as const;

const rerouted = (at: string): FactColumn[] => [['last_rerouted_at', at, latest]];

const chargeOf = (manager: EntityManager, data: FundingReservationV1) =>
  mergeFact(manager, data.referralId, [['charged_cents', data.amountCents, add]]);

/** One event's effect on budget_balances: `column` (the award, or a kind's total) takes `cents`. */
async function moveBudget(
  manager: EntityManager,
  budgetId: string,
  column: 'awarded_cents' | 'reserve_cents' | 'release_cents' | 'charge_cents',
  cents: number,
  at: string,
  event: EventEnvelope,
): Promise<void> {
  // The award only grows (money is added to a budget, never taken back): its largest value is
  // its latest. The totals add up. The latest event wins by time, then by type, so that two at
  // the same time give one answer. The row comes out the same whatever order events arrive in.
  const merge =
    column === 'awarded_cents'
      ? `GREATEST(budget_balances.awarded_cents, excluded.awarded_cents)`
      : `budget_balances.${column} + excluded.${column}`;
  await manager.query(
    `INSERT INTO budget_balances (budget_id, ${column}, as_of, event_type)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (budget_id) DO UPDATE SET
       ${column} = ${merge},
       event_type = CASE WHEN (excluded.as_of, excluded.event_type)
                              > (budget_balances.as_of, budget_balances.event_type)
                         THEN excluded.event_type ELSE budget_balances.event_type END,
       as_of = GREATEST(budget_balances.as_of, excluded.as_of)`,
    [budgetId, cents, at, event.type],
  );
}

const reserveOf: Apply<FundingReservationV1> = (manager, data, at, event) =>
  moveBudget(manager, data.budgetId, 'reserve_cents', data.amountCents, at, event);
const releaseOf: Apply<FundingReleasedV1> = (manager, data, at, event) =>
  moveBudget(manager, data.budgetId, 'release_cents', data.amountCents, at, event);

const budgetState: Apply<BudgetStateV1> = async (manager, data, at, event) => {
  await moveBudget(manager, data.budgetId, 'awarded_cents', data.awardedCents, at, event);
  await manager.query(
    `INSERT INTO budget_states (budget_id, initiative_id, partner_id, category, awarded_cents,
                                available_cents, cost_per_case_cents, as_of, event_type)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (budget_id) DO UPDATE SET
       initiative_id = excluded.initiative_id, partner_id = excluded.partner_id,
       category = excluded.category, awarded_cents = excluded.awarded_cents,
       available_cents = excluded.available_cents,
       cost_per_case_cents = excluded.cost_per_case_cents,
       as_of = excluded.as_of, event_type = excluded.event_type
     WHERE budget_states.as_of <= excluded.as_of`,
    [
      data.budgetId,
      data.initiativeId,
      data.partnerId,
      data.category ?? null,
      data.awardedCents,
      data.availableCents,
      data.costPerCaseCents,
      at,
      event.type,
    ],
  );
};

/**
 * What each event type changes in the read models; every other type is only recorded. A referral
 * event's rollups (rollups.ts) depend on the fact row as it was before the event (factBefore):
 * what the referral reached for the first time, and since when. The events of one referral arrive
 * in order (one key, one partition), so its submission and offers are already there.
 */
const PROJECTIONS = new Map<string, Apply<unknown>>([
  on(ReferralEvents.submitted, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, [
      ['agency_id', data.agencyId, replace],
      ['category', data.category, replace],
      ['urgency', data.urgency, replace],
      ['area_code', data.areaCode, replace],
      ['submitted_at', at, replace],
    ]);
    if (!before.submitted) await addToArea(manager, data.areaCode, 'submitted');
  }),
  on(ReferralEvents.assigned, async (manager, data, at, event) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, [
      ['category', data.category, keepFirst],
      ['urgency', data.urgency, keepFirst],
      ['initiative_id', data.initiativeId, withEarliest('first_assigned_at')],
      ['partner_id', data.partnerId, withLatest('last_assigned_at')],
      // After the two above: they compare with these columns' values before this event.
      ['first_assigned_at', at, earliest],
      ['last_assigned_at', at, latest],
    ]);
    await manager.query(
      `INSERT INTO referral_offers (offer_id, referral_id, partner_id, initiative_id, agreement_id,
                                    attempt, offered_at, accept_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (offer_id) DO NOTHING`,
      [
        event.id,
        data.referralId,
        data.partnerId,
        data.initiativeId,
        data.agreementId,
        data.attempt,
        at,
        data.acceptBy,
      ],
    );
    if (!before.assigned) {
      await addToWeek(manager, at, data.initiativeId, {
        assigned: 1,
        assign_seconds_sum: before.secondsSinceSubmitted ?? 0,
      });
      await moveChargesToInitiative(manager, data.referralId, data.initiativeId);
    }
    await addToCarrier(manager, before.areaCode, data, 'offered');
  }),
  on(ReferralEvents.unassignable, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, [
      ['category', data.category, keepFirst],
      ['unassignable_count', 1, add],
      ['last_unassignable_at', at, latest],
    ]);
    if (!before.unassignable) await addToArea(manager, before.areaCode, 'unassignable');
  }),
  on(ReferralEvents.accepted, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, [['accepted_at', at, earliest]]);
    const ended = await endOffer(manager, data.referralId, data.partnerId, 'accepted', at);
    await addToWeek(manager, at, before.initiativeId, {
      offers_accepted: ended,
      ...(before.accepted
        ? {}
        : { accepted: 1, accept_seconds_sum: before.secondsSinceLastAssigned ?? 0 }),
    });
    if (!before.accepted) {
      await addToArea(manager, before.areaCode, 'accepted');
      const offer = await offerOfPartner(manager, data.referralId, data.partnerId);
      await addToCarrier(manager, before.areaCode, offer, 'accepted');
    }
  }),
  on(ReferralEvents.declined, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, rerouted(at));
    const ended = await endOffer(
      manager,
      data.referralId,
      data.partnerId,
      'declined',
      at,
      data.reason,
    );
    await addToWeek(manager, at, before.initiativeId, { offers_declined: ended });
  }),
  on(ReferralEvents.offerExpired, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, rerouted(at));
    const ended = await endOffer(manager, data.referralId, data.partnerId, 'expired', at);
    await addToWeek(manager, at, before.initiativeId, { offers_expired: ended });
  }),
  on(ReferralEvents.offerWithdrawn, async (manager, data, at) => {
    await mergeFact(manager, data.referralId, rerouted(at));
    await endOffer(manager, data.referralId, data.partnerId, 'withdrawn', at, data.reason);
  }),
  on(ReferralEvents.inProgress, async (manager, data, at) => {
    await mergeFact(manager, data.referralId, [['contacted_at', at, earliest]]);
  }),
  on(ReferralEvents.completed, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, [
      ['completed_at', at, replace],
      ['outcome', data.outcome, replace],
      ['unsuccessful_reason', data.unsuccessfulReason ?? null, replace],
    ]);
    if (!before.completed) {
      await addToWeek(manager, at, before.initiativeId, { [data.outcome]: 1 });
      await addToArea(manager, before.areaCode, 'completed');
      const offer = await offerOfPartner(manager, data.referralId, data.partnerId);
      await addToCarrier(manager, before.areaCode, offer, 'completed');
    }
  }),
  on(ReferralEvents.cancelled, async (manager, data, at) => {
    const before = await factBefore(manager, data.referralId, at);
    await mergeFact(manager, data.referralId, [['cancelled_at', at, earliest]]);
    await endOffer(manager, data.referralId, undefined, 'cancelled', at);
    if (!before.cancelled) await addToArea(manager, before.areaCode, 'cancelled');
  }),
  on(FundingEvents.reserved, reserveOf),
  on(FundingEvents.released, releaseOf),
  on(FundingEvents.charged, async (manager, data, at, event) => {
    // The initiative as the fact row has it once this transaction holds the row (see factBefore).
    const initiativeId = await chargeOf(manager, data);
    await addToWeek(manager, at, initiativeId, { charged_cents: data.amountCents });
    await moveBudget(manager, data.budgetId, 'charge_cents', data.amountCents, at, event);
  }),
  // Its causation is the offer it answers: an offer accepted and rejected is an unfunded case.
  on(FundingEvents.reservationRejected, async (manager, data, at, event) => {
    await manager.query(
      `INSERT INTO funding_rejections (rejection_id, offer_id, referral_id, partner_id, reason,
                                       rejected_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (rejection_id) DO NOTHING`,
      [event.id, event.causationId ?? null, data.referralId, data.partnerId, data.reason, at],
    );
  }),
  on(FundingEvents.budgetOpened, budgetState),
  on(FundingEvents.thresholdReached, budgetState),
  on(FundingEvents.exhausted, budgetState),
  on(FundingEvents.replenished, budgetState),
  on(FundingEvents.toppedUp, budgetState),
  ...PARTNERSHIP_PROJECTIONS,
]);

/**
 * Records one event in the log and applies it to the KPI read models, inside the caller's
 * transaction. The live consumer (INSIGHTS_EVENTS) and the rebuild (scripts/insights-rebuild.ts)
 * both call this and nothing else, so a rebuilt database is the one the live service would have.
 * `event.data` must already satisfy its contract.
 */
export async function projectEvent(manager: EntityManager, event: EventEnvelope): Promise<void> {
  await manager.insert(RecordedEvent, {
    eventId: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    occurredAt: new Date(event.time),
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    data: event.data as object,
  });
  await PROJECTIONS.get(event.type)?.(manager, event.data, event.time, event);
}
