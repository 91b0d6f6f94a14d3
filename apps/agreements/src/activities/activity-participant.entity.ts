import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation taking part in an activity: whether it confirmed, and its head count. */
@Entity({ name: 'activity_participants' })
export class ActivityParticipant {
  @PrimaryColumn({ type: 'uuid', name: 'activity_id' }) activityId: string;
  @PrimaryColumn({ type: 'uuid', name: 'organization_id' }) organizationId: string;
  /** When the organisation (or an admin for it) confirmed it will be there; null until then. */
  @Column({ type: 'timestamptz', name: 'confirmed_at', nullable: true }) confirmedAt: Date | null;
  /** How many of its people came; null until attendance is recorded for it. Never names. */
  @Column({ type: 'int', nullable: true }) attendees: number | null;
}
