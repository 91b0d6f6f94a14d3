import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ActivityKind, ActivityStatus, ActivityTopic } from '@concord/contracts';

/**
 * A joint training or community event of an initiative. The organisations taking part, and how
 * many of each came, are in activity_participants.
 */
@Entity({ name: 'activities' })
export class Activity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'text' }) kind: ActivityKind;
  @Column({ type: 'text' }) topic: ActivityTopic;
  /** What the topic is in the organisers' words; always there when the topic is `other`. */
  @Column({ type: 'text', name: 'topic_detail', nullable: true }) topicDetail: string | null;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'text' }) place: string;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt: Date;
  @Column({ type: 'timestamptz', name: 'ends_at' }) endsAt: Date;
  @Column({ type: 'text' }) status: ActivityStatus;
  /** Grows by one with each change; carried by every activity.* event. */
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
