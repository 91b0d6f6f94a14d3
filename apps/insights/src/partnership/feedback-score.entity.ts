import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One anonymous community answer (feedback.received): its scores, the quarter it came in and its
 * area code. No time finer than the quarter, no free text.
 */
@Entity({ name: 'feedback_scores' })
@Index('feedback_scores_by_initiative', ['initiativeId', 'quarter'])
export class FeedbackScore {
  /** The id of the event that carried the answer. */
  @PrimaryColumn({ type: 'uuid', name: 'answer_id' }) answerId: string;
  @Column({ type: 'uuid', name: 'survey_id' }) surveyId: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  /** `2026-Q4`, from the event's time in UTC. */
  @Column({ type: 'text' }) quarter: string;
  /** The answer's area code, or `unknown`. */
  @Column({ type: 'text', name: 'area_code' }) areaCode: string;
  @Column({ type: 'smallint', nullable: true }) helped: number | null;
  @Column({ type: 'smallint', nullable: true }) respected: number | null;
  @Column({ type: 'smallint', nullable: true }) timely: number | null;
  @Column({ type: 'smallint', nullable: true, name: 'would_call_again' })
  wouldCallAgain: number | null;
}
