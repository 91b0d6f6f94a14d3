import { Caller } from '@concord/auth';
import { countByReason, ReferralEvents, ReferralUnassignableV1 } from '@concord/contracts';

/** One event of a referral's cross-service timeline, as it was published. */
export interface TimelineEntry {
  eventId: string;
  /** The CloudEvents type, e.g. `concord.referral.assigned.v1`. */
  type: string;
  /** The producing service, e.g. `/concord/referrals`. */
  source: string;
  /** When it happened (the envelope's time). */
  time: string;
  /** The aggregate the event belongs to: the referral, or e.g. the budget of a funding event. */
  subject: string;
  correlationId: string;
  causationId: string | null;
  /** The payload: ids, categories, times; never personal data. */
  data: object;
}

export interface TimelineView {
  referralId: string;
  events: TimelineEntry[];
}

/** What identifies the case to the dispatch (CAD) system; the auditor's timeline leaves it out. */
const CAD_IDENTIFIERS = ['incidentReference'] as const;

function withoutCadIdentifiers(entry: TimelineEntry): TimelineEntry {
  const data: Record<string, unknown> = { ...entry.data };
  for (const key of CAD_IDENTIFIERS) delete data[key];
  return { ...entry, data };
}

/** An unassignable event names every partner of the programme; dispatch gets counts per reason. */
function ruledOutAsCounts(entry: TimelineEntry): TimelineEntry {
  if (entry.type !== ReferralEvents.unassignable.type) return entry;
  const { ruledOut, ...data } = entry.data as Partial<ReferralUnassignableV1>;
  const partners = ruledOut ?? [];
  return {
    ...entry,
    data: { ...data, ruledOutPartners: partners.length, ruledOutByReason: countByReason(partners) },
  };
}

/**
 * A timeline as the caller may see it (minimum necessary): an administrator every event whole;
 * the referral's dispatcher the same, except that an unassignable event counts the partners ruled
 * out for each reason instead of naming them; an auditor every event without what identifies the
 * case to CAD (the incident reference). Partners do not read timelines (the route refuses them).
 */
export function timelineAs(caller: Caller, timeline: TimelineView): TimelineView {
  switch (caller.role) {
    case 'admin':
      return timeline;
    case 'dispatcher':
      return { ...timeline, events: timeline.events.map(ruledOutAsCounts) };
    case 'auditor':
      return { ...timeline, events: timeline.events.map(withoutCadIdentifiers) };
    case 'partner':
      return { ...timeline, events: [] };
  }
}
