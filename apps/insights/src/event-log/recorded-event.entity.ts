import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Every event of every service as insights received it: what the cross-service timeline of a
 * referral and the KPI read models are built from. Metadata only; payloads carry no personal data.
 */
@Entity({ name: 'recorded_events' })
@Index('recorded_events_by_subject', ['subject', 'occurredAt'])
export class RecordedEvent {
  @PrimaryColumn({ type: 'text', name: 'event_id' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'timestamptz', name: 'occurred_at' }) occurredAt: Date;
  @Column({ type: 'text', name: 'correlation_id' }) correlationId: string;
  @Column({ type: 'text', name: 'causation_id', nullable: true }) causationId: string | null;
  @Column({ type: 'jsonb' }) data: object;
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' }) recordedAt: Date;
}
