import { MAX_QUARTERS, PartnershipPeriodQuery } from './partnership-period.dto';
import { Quarter, quarterOf, quartersBetween } from './quarter';

/**
 * The quarters an answer shows: those `from` and `to` fall in, both included. Without `to`, up to
 * the current quarter or the one the initiative's period ends in, whichever is earlier (a quarter
 * not yet begun has nothing to count); without `from`, from the quarter the period starts in, or
 * only the last quarter when the period is not known. Defaults keep the last MAX_QUARTERS.
 */
export function reportingQuarters(
  { from, to }: PartnershipPeriodQuery,
  period: { readonly periodFrom: string; readonly periodTo: string } | undefined,
  now: Date,
): Quarter[] {
  const periodEnd = period ? new Date(period.periodTo) : now;
  const last = quarterOf(to ? new Date(to) : periodEnd < now ? periodEnd : now);
  const first = from
    ? quarterOf(new Date(from))
    : period
      ? quarterOf(new Date(period.periodFrom))
      : last;
  return quartersBetween(first, last).slice(-MAX_QUARTERS);
}
