import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One anonymous answer: its scores, the coarse area code its link carried and the quarter it came
 * in — no finer time, no address, nothing that leads back to a referral or a person. The comment
 * is read by administrators only (GET /surveys/{id}/comments) and never published.
 */
@Entity({ name: 'survey_answers' })
export class SurveyAnswer {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'survey_id' }) surveyId: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  /** `2026-Q4` */
  @Column({ type: 'text' }) quarter: string;
  @Column({ type: 'varchar', length: 5, name: 'area_code', nullable: true })
  areaCode: string | null;
  @Column({ type: 'smallint', nullable: true }) helped: number | null;
  @Column({ type: 'smallint', nullable: true }) respected: number | null;
  @Column({ type: 'smallint', nullable: true }) timely: number | null;
  @Column({ type: 'smallint', name: 'would_call_again', nullable: true })
  wouldCallAgain: number | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) comment: string | null;
}
