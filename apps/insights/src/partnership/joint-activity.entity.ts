import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ActivityParticipantV1 } from '@concord/contracts';

/**
 * Each joint training or community event, from activity.* (the latest revision): codes, times and
 * head counts; its title and place stay in agreements.
 */
@Entity({ name: 'activities' })
@Index('activities_by_initiative', ['initiativeId', 'startsAt'])
export class JointActivity {
  @PrimaryColumn({ type: 'uuid', name: 'activity_id' }) activityId: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) topic: string;
  @Column({ type: 'text' }) status: string;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt: Date;
  @Column({ type: 'timestamptz', name: 'ends_at' }) endsAt: Date;
  @Column({ type: 'jsonb' }) participants: ActivityParticipantV1[];
  @Column({ type: 'int' }) revision: number;
}
