import {
  BudgetStateV1,
  EventEnvelope,
  FundingEvents,
  FundingReservationV1,
  ReferralEvents,
} from '@concord/contracts';
import { KpiQuery } from '../../src/kpis/kpi.dto';
import { RELATIVE_ERROR, ZERO_BUCKET_SECONDS } from '../../src/kpis/duration-histogram';
import { DurationPercentiles, KpiReport } from '../../src/kpis/kpi-report';

/**
 * The KPIs computed in memory, straight from the events a test published and the definitions in
 * docs/insights.md; written apart from the service's SQL, so that the two check each other.
 */

interface Offer {
  /** The id of its referral.assigned. */
  id: string;
  partnerId: string;
  initiativeId: string;
  at: number;
  ending?: string;
  reason?: string;
}

interface Story {
  submittedAt?: number;
  category?: string;
  offers: Offer[];
  unassignable: number;
  acceptedAt?: number;
  completed?: { outcome: string; reason?: string };
  cancelledAt?: number;
  chargedCents: number;
}

/** PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks. */
export function percentileCont(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const [lower, upper] = [Math.floor(position), Math.ceil(position)];
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

const durations = (values: number[]) => ({
  count: values.length,
  p50: percentileCont(values, 0.5),
  p90: percentileCont(values, 0.9),
});

const tally = (keys: string[]): Record<string, number> =>
  keys.reduce<Record<string, number>>(
    (counts, key) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 }),
    {},
  );

const ratio = (numerator: number, denominator: number) =>
  denominator > 0 ? numerator / denominator : null;

/** Plays the referral events in the order published (one key, one partition: their real order). */
function storiesOf(events: readonly EventEnvelope[]): Map<string, Story> {
  const stories = new Map<string, Story>();
  const story = (id: string): Story => {
    if (!stories.has(id)) stories.set(id, { offers: [], unassignable: 0, chargedCents: 0 });
    return stories.get(id) as Story;
  };
  const at = (event: EventEnvelope) => Date.parse(event.time);
  const data = (event: EventEnvelope) => event.data as Record<string, string>;
  const end = (event: EventEnvelope, ending: string, reason?: string) => {
    const open = story(data(event).referralId).offers.find((offer) => !offer.ending);
    if (open) Object.assign(open, { ending, reason });
  };
  for (const event of events) {
    const { referralId, partnerId, reason } = data(event);
    switch (event.type) {
      case ReferralEvents.submitted.type:
        Object.assign(story(referralId), {
          submittedAt: at(event),
          category: data(event).category,
        });
        break;
      case ReferralEvents.assigned.type:
        story(referralId).offers.push({
          id: event.id,
          partnerId,
          initiativeId: data(event).initiativeId,
          at: at(event),
        });
        break;
      case ReferralEvents.unassignable.type:
        story(referralId).unassignable += 1;
        break;
      case ReferralEvents.accepted.type:
        story(referralId).acceptedAt = at(event);
        end(event, 'accepted');
        break;
      case ReferralEvents.declined.type:
        end(event, 'declined', reason);
        break;
      case ReferralEvents.offerExpired.type:
        end(event, 'expired');
        break;
      case ReferralEvents.offerWithdrawn.type:
        end(event, 'withdrawn', reason);
        break;
      case ReferralEvents.completed.type:
        story(referralId).completed = {
          outcome: data(event).outcome,
          reason: data(event).unsuccessfulReason,
        };
        break;
      case ReferralEvents.cancelled.type:
        story(referralId).cancelledAt = at(event);
        end(event, 'cancelled');
        break;
      case FundingEvents.charged.type:
        story(referralId).chargedCents += (event.data as FundingReservationV1).amountCents;
        break;
    }
  }
  return stories;
}

const BUDGET_TYPES = [
  FundingEvents.budgetOpened,
  FundingEvents.thresholdReached,
  FundingEvents.exhausted,
  FundingEvents.replenished,
  FundingEvents.toppedUp,
].map((definition) => definition.type);

/** Which ledger total each funding event adds its amount to. */
const MOVEMENTS = new Map([
  [FundingEvents.reserved.type, 'reserve'],
  [FundingEvents.released.type, 'release'],
  [FundingEvents.charged.type, 'charge'],
] as const);

interface BudgetStory {
  state?: BudgetStateV1;
  awarded: number;
  reserve: number;
  release: number;
  charge: number;
  latest?: EventEnvelope;
}

/** The later of two events by time; at the same time, the greater type (as the SQL decides). */
const laterOf = (a: EventEnvelope | undefined, b: EventEnvelope): EventEnvelope => {
  if (!a) return b;
  const [ta, tb] = [Date.parse(a.time), Date.parse(b.time)];
  return tb > ta || (tb === ta && b.type > a.type) ? b : a;
};

/** Each budget's money from the amounts of its events, the way funding's ledger sums them. */
function budgetsOf(events: readonly EventEnvelope[], filters: KpiQuery): KpiReport['budgets'] {
  const stories = new Map<string, BudgetStory>();
  const storyOf = (budgetId: string) => {
    const story = stories.get(budgetId) ?? { awarded: 0, reserve: 0, release: 0, charge: 0 };
    stories.set(budgetId, story);
    return story;
  };
  for (const event of events) {
    const movement = MOVEMENTS.get(event.type as never);
    if (BUDGET_TYPES.includes(event.type)) {
      const data = event.data as BudgetStateV1;
      const story = storyOf(data.budgetId);
      // The scope (initiative, partner, category) is the same in every state of a budget.
      story.state = data;
      story.awarded = Math.max(story.awarded, data.awardedCents);
      story.latest = laterOf(story.latest, event);
    } else if (movement) {
      const data = event.data as FundingReservationV1;
      const story = storyOf(data.budgetId);
      story[movement] += data.amountCents;
      story.latest = laterOf(story.latest, event);
    }
  }
  return [...stories.values()]
    .filter((story): story is BudgetStory & { state: BudgetStateV1; latest: EventEnvelope } =>
      Boolean(story.state && story.latest),
    )
    .filter(({ state }) => !filters.initiativeId || state.initiativeId === filters.initiativeId)
    .filter(({ state }) => !filters.partnerId || state.partnerId === filters.partnerId)
    .filter(
      ({ state }) => !filters.category || !state.category || state.category === filters.category,
    )
    .sort((a, b) => {
      const key = ({ state }: { state: BudgetStateV1 }) =>
        [state.initiativeId, state.partnerId, state.category ?? '', state.budgetId].join('|');
      return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    })
    .map(({ state, awarded, reserve, release, charge, latest }) => {
      const reservedCents = reserve - release - charge;
      const availableCents = awarded - reservedCents - charge;
      return {
        budgetId: state.budgetId,
        initiativeId: state.initiativeId,
        partnerId: state.partnerId,
        category: state.category ?? null,
        awardedCents: awarded,
        reservedCents,
        chargedCents: charge,
        availableCents,
        utilisation: ratio(awarded - availableCents, awarded),
        asOf: new Date(latest.time).toISOString(),
        source: latest.type,
      };
    });
}

export function expectedKpis(events: readonly EventEnvelope[], filters: KpiQuery): KpiReport {
  const byTime = (a: Offer, b: Offer) => a.at - b.at;
  const inScope = [...storiesOf(events).values()].filter((story) => {
    const first = [...story.offers].sort(byTime)[0];
    return (
      story.submittedAt !== undefined &&
      (!filters.initiativeId || first?.initiativeId === filters.initiativeId) &&
      (!filters.category || story.category === filters.category) &&
      (!filters.from || story.submittedAt >= Date.parse(filters.from)) &&
      (!filters.to || story.submittedAt < Date.parse(filters.to))
    );
  });
  const lastOffer = (story: Story) => [...story.offers].sort(byTime).at(-1);
  const referrals = inScope.filter(
    (story) => !filters.partnerId || lastOffer(story)?.partnerId === filters.partnerId,
  );
  const offers = inScope
    .flatMap((story) => story.offers)
    .filter((offer) => !filters.partnerId || offer.partnerId === filters.partnerId);
  const ended = (ending: string) => offers.filter((offer) => offer.ending === ending);

  const submitted = referrals.length;
  const cancelled = referrals.filter((story) => story.cancelledAt !== undefined).length;
  const successful = referrals.filter((story) => story.completed?.outcome === 'successful');
  const unsuccessful = referrals.filter((story) => story.completed?.outcome === 'unsuccessful');
  const completed = successful.length + unsuccessful.length;
  const chargedCents = referrals.reduce((sum, story) => sum + story.chargedCents, 0);
  const [accepted, declined, expired] = ['accepted', 'declined', 'expired'].map(ended);
  const assigned = referrals.filter((story) => story.offers.length > 0);
  const acceptedReferrals = referrals.filter((story) => story.acceptedAt !== undefined);
  // funding.reservation-rejected is caused by the referral.assigned it answers.
  const rejected = new Set(
    events
      .filter((event) => event.type === FundingEvents.reservationRejected.type)
      .map((event) => event.causationId),
  );
  const unfunded = acceptedReferrals.filter(
    (story) =>
      story.chargedCents === 0 &&
      story.offers.some((offer) => offer.ending === 'accepted' && rejected.has(offer.id)),
  );

  return {
    filters,
    referrals: {
      submitted,
      assigned: assigned.length,
      unassignable: referrals.filter((story) => story.unassignable > 0).length,
      accepted: acceptedReferrals.length,
      unfunded: unfunded.length,
      cancelled,
      completed: {
        total: completed,
        successful: successful.length,
        unsuccessful: unsuccessful.length,
        unsuccessfulByReason: tally(
          unsuccessful.map((story) => story.completed?.reason ?? 'unspecified'),
        ),
      },
    },
    offers: {
      made: offers.length,
      open: offers.filter((offer) => !offer.ending).length,
      accepted: accepted.length,
      declined: declined.length,
      declinedByReason: tally(declined.map((offer) => offer.reason ?? 'unspecified')),
      expired: expired.length,
      withdrawn: ended('withdrawn').length,
      rerouted: declined.length + expired.length + ended('withdrawn').length,
      cancelled: ended('cancelled').length,
    },
    timeToAssignSeconds: durations(
      assigned.map(
        (story) => ([...story.offers].sort(byTime)[0].at - (story.submittedAt as number)) / 1000,
      ),
    ),
    timeToAcceptSeconds: durations(
      acceptedReferrals.map(
        (story) => ((story.acceptedAt as number) - (lastOffer(story) as Offer).at) / 1000,
      ),
    ),
    acceptanceRate: ratio(accepted.length, accepted.length + declined.length + expired.length),
    outcomeRecordedShare: ratio(completed, submitted - cancelled),
    chargedCents,
    costPerCompletedCaseCents: completed > 0 ? Math.round(chargedCents / completed) : null,
    budgets: budgetsOf(events, filters),
  };
}

/** Floats to 9 decimals, so that SQL's double arithmetic and JavaScript's compare equal. */
export function roundFloats<T>(value: T): T {
  if (typeof value === 'number') return (Math.round(value * 1e9) / 1e9) as T;
  if (Array.isArray(value)) return value.map(roundFloats) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, roundFloats(inner)]),
    ) as T;
  }
  return value;
}

/** Whether `actual` is within the histograms' bound of `exact`: α·|exact| + 1 ms, or both null. */
export const withinHistogramBound = (actual: number | null, exact: number | null): boolean =>
  actual === null || exact === null
    ? actual === exact
    : Math.abs(actual - exact) <= RELATIVE_ERROR * Math.abs(exact) + ZERO_BUCKET_SECONDS + 1e-9;

const percentilesMatch = (actual: DurationPercentiles, exact: DurationPercentiles) =>
  actual.count === exact.count &&
  withinHistogramBound(actual.p50, exact.p50) &&
  withinHistogramBound(actual.p90, exact.p90);

/**
 * The report equals the one computed in memory: every count, sum and rate exactly, the
 * percentiles (read from duration histograms) within their documented bound of percentile_cont.
 */
export function expectKpisToMatch(actual: KpiReport, expected: KpiReport): void {
  const withoutPercentiles = ({ timeToAssignSeconds, timeToAcceptSeconds, ...rest }: KpiReport) =>
    roundFloats(rest);
  expect(withoutPercentiles(actual)).toEqual(withoutPercentiles(expected));
  const durations = ['timeToAssignSeconds', 'timeToAcceptSeconds'] as const;
  for (const figure of durations) {
    if (!percentilesMatch(actual[figure], expected[figure])) {
      throw new Error(
        `${figure} ${JSON.stringify(actual[figure])} is not within ${RELATIVE_ERROR * 100} % + ` +
          `${ZERO_BUCKET_SECONDS * 1000} ms of percentile_cont ${JSON.stringify(expected[figure])}`,
      );
    }
  }
}
