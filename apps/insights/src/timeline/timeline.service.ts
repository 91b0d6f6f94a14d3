import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound } from '@concord/platform';
import { TimelineEntry, timelineAs, TimelineView } from './timeline.view';

interface EventRow {
  event_id: string;
  type: string;
  source: string;
  subject: string;
  occurred_at: Date;
  correlation_id: string;
  causation_id: string | null;
  data: object;
}

/** A referral's story across services, from the event log. */
@Injectable()
export class TimelineService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every recorded event about the referral, oldest first: its own (subject), the funding events
   * that name it (data.referralId) and the notifications about it (data.aboutSubject). Events of
   * the same instant keep the order in which insights received them. A dispatcher sees only its
   * own agency's referrals; another's is a 404, as if unknown. How much of each event the caller
   * sees is timelineAs's to decide.
   */
  async of(referralId: string, caller: Caller): Promise<TimelineView> {
    const unknown = notFound(
      'REFERRAL_NOT_FOUND',
      `no event about referral ${referralId} has been recorded`,
    );
    if (caller.role === 'dispatcher' && !(await this.isOfAgency(referralId, caller))) {
      throw unknown;
    }
    const rows = (await this.dataSource.query(
      `SELECT event_id, type, source, subject, occurred_at, correlation_id, causation_id, data
         FROM recorded_events
        WHERE subject = $1 OR data ->> 'referralId' = $1 OR data ->> 'aboutSubject' = $1
        ORDER BY occurred_at, recorded_at, event_id`,
      [referralId],
    )) as EventRow[];
    if (rows.length === 0) throw unknown;
    return timelineAs(caller, { referralId, events: rows.map(toEntry) });
  }

  private async isOfAgency(referralId: string, caller: Caller): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM referral_facts WHERE referral_id = $1 AND agency_id = $2`,
      [referralId, caller.organizationId ?? null],
    )) as unknown[];
    return rows.length > 0;
  }
}

const toEntry = (row: EventRow): TimelineEntry => ({
  eventId: row.event_id,
  type: row.type,
  source: row.source,
  time: row.occurred_at.toISOString(),
  subject: row.subject,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  data: row.data,
});
