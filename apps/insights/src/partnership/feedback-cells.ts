import { FEEDBACK_QUESTIONS, FeedbackQuestion } from '@concord/contracts';
import { Quarter } from './quarter';

/**
 * Community feedback as it may be shown: averaged per quarter and area code, and only where a
 * cell holds enough answers that no one's answer can be picked out. A cell under
 * `MINIMUM_CELL_SIZE` answers is suppressed — shown as such, without its count or scores. When a
 * quarter's total is shown and exactly one of its cells is suppressed, that cell could be worked
 * out by subtracting the others from the total; so the smallest other cell of the quarter is
 * suppressed with it (secondary suppression, as statistical offices do).
 */
export const MINIMUM_CELL_SIZE = 5;

/** One answer as the aggregation sees it: no free text, no time finer than the quarter. */
export interface ScoredAnswer {
  readonly quarter: Quarter;
  /** The area code the respondent chose, or `unknown`. */
  readonly areaCode: string;
  readonly scores: Readonly<Partial<Record<FeedbackQuestion, number>>>;
}

/** Mean score per question over the answers that scored it (2 decimals); null if none did. */
export type FeedbackMeans = Readonly<Record<FeedbackQuestion, number | null>>;

export type FeedbackCell =
  | {
      readonly quarter: string;
      readonly areaCode: string;
      readonly suppressed: false;
      readonly answers: number;
      readonly means: FeedbackMeans;
    }
  | { readonly quarter: string; readonly areaCode: string; readonly suppressed: true };

/** Every quarter × area code that has answers, with its figures or suppressed, in order. */
export function feedbackCells(answers: readonly ScoredAnswer[]): FeedbackCell[] {
  const groups = new Map<string, ScoredAnswer[]>();
  for (const answer of answers) {
    const key = `${answer.quarter}\u0000${answer.areaCode}`;
    groups.set(key, [...(groups.get(key) ?? []), answer]);
  }
  const cells = [...groups.values()].map((group) => ({
    quarter: group[0].quarter,
    areaCode: group[0].areaCode,
    answers: group,
    suppressed: group.length < MINIMUM_CELL_SIZE,
  }));
  for (const quarter of new Set(cells.map((cell) => cell.quarter))) {
    const ofQuarter = cells.filter((cell) => cell.quarter === quarter);
    const suppressed = ofQuarter.filter((cell) => cell.suppressed);
    if (suppressed.length !== 1) continue;
    const smallestShown = ofQuarter
      .filter((cell) => !cell.suppressed)
      .sort(
        (a, b) => a.answers.length - b.answers.length || a.areaCode.localeCompare(b.areaCode),
      )[0];
    if (smallestShown) smallestShown.suppressed = true;
  }
  return cells
    .sort((a, b) => a.quarter.localeCompare(b.quarter) || a.areaCode.localeCompare(b.areaCode))
    .map(({ quarter, areaCode, answers: group, suppressed }): FeedbackCell =>
      suppressed
        ? { quarter, areaCode, suppressed: true }
        : { quarter, areaCode, suppressed: false, answers: group.length, means: meansOf(group) },
    );
}

/**
 * All the answers given together (an initiative's, over a period): their number and mean scores,
 * or suppressed under MINIMUM_CELL_SIZE answers, like a cell. Answers are anonymous and carry no
 * agreement or partner, so this is as fine as feedback goes beyond the cells.
 */
export type FeedbackSummary =
  | { readonly suppressed: false; readonly answers: number; readonly means: FeedbackMeans }
  | { readonly suppressed: true };

export function feedbackSummary(answers: readonly Pick<ScoredAnswer, 'scores'>[]): FeedbackSummary {
  return answers.length < MINIMUM_CELL_SIZE
    ? { suppressed: true }
    : { suppressed: false, answers: answers.length, means: meansOf(answers) };
}

function meansOf(group: readonly Pick<ScoredAnswer, 'scores'>[]): FeedbackMeans {
  const means = {} as Record<FeedbackQuestion, number | null>;
  for (const question of FEEDBACK_QUESTIONS) {
    const scores = group.flatMap(({ scores }) =>
      scores[question] === undefined ? [] : [scores[question]],
    );
    means[question] =
      scores.length === 0
        ? null
        : Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 100) / 100;
  }
  return means;
}
