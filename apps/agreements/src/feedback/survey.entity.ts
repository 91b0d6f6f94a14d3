import { Column, Entity, PrimaryColumn } from 'typeorm';

export type SurveyStatus = 'open' | 'closed';

/** An initiative's community survey: open to anonymous answers through its public page. */
@Entity({ name: 'surveys' })
export class Survey {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 1000, nullable: true }) introduction: string | null;
  @Column({ type: 'text' }) status: SurveyStatus;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt: Date | null;
}
