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
