import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { TraceEntry } from './domain';

/**
 * Why the engine chose as it did, each time it ran for a referral: for every partner, how it
 * ranked or every reason it was ruled out.
 */
@Entity({ name: 'assignment_decisions' })
@Index('assignment_decisions_by_referral', ['referralId', 'decidedAt'])
export class AssignmentDecision {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'referral_id' }) referralId: string;
  @Column({ type: 'timestamptz', name: 'decided_at' }) decidedAt: Date;
  @Column({ type: 'text' }) result: 'offered' | 'unassignable';
  @Column({ type: 'uuid', name: 'partner_id', nullable: true }) partnerId: string | null;
  @Column({ type: 'jsonb' }) trace: TraceEntry[];
}
