import { FeedbackQuestion } from '@concord/contracts';

/** What a resident is asked, each on a scale of 1 (not at all) to 5 (very much). */
export const SURVEY_QUESTIONS: ReadonlyArray<{ id: FeedbackQuestion; text: string }> = [
  { id: 'helped', text: 'Did the help you received make things better?' },
  { id: 'respected', text: 'Were you treated with respect?' },
  { id: 'timely', text: 'Did help come soon enough?' },
  { id: 'wouldCallAgain', text: 'Would you ask for this kind of help again?' },
];

export const SCORE_SCALE = { min: 1, max: 5 } as const;
export const COMMENT_MAX_LENGTH = 1000;

/** The quarter a moment falls in, UTC: `2026-Q4`. */
export function quarterOf(moment: Date): string {
  return `${moment.getUTCFullYear()}-Q${Math.floor(moment.getUTCMonth() / 3) + 1}`;
}
