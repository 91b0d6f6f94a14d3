import { assemblePartnershipReview } from './partnership-review';
import { ReviewMeasure } from './review-measure';
import { kpisOf, periodFigures, reviewInputs } from './review-fixtures';
import { daysPeriod } from './review-period';

const measure = (measures: readonly ReviewMeasure[], name: string): ReviewMeasure => {
  const found = measures.find((m) => m.measure === name);
  if (!found) throw new Error(`no measure ${name} in ${measures.map((m) => m.measure).join()}`);
  return found;
};

describe('the partnership review assembled from its figures', () => {
  const review = assemblePartnershipReview(reviewInputs());
  const [agreement] = review.agreements;
  const ofAgreement = (name: string) => measure(agreement.measures, name);
  const ofInitiative = (name: string) => measure(review.initiative.measures, name);

  it("an agreement's acceptance rate is checked against the initiative's target, with its trend", () => {
    expect(ofAgreement('acceptance-rate')).toEqual({
      measure: 'acceptance-rate',
      unit: 'share',
      value: 8 / 12,
      trend: { previous: 0.5, change: 8 / 12 - 0.5, direction: 'better' },
      target: { kind: 'acceptance-rate', target: 0.75, actual: 8 / 12, met: false },
    });
  });

  it('the median time to accept is in minutes, and longer is worse', () => {
    expect(ofAgreement('minutes-to-accept-p50')).toMatchObject({
      value: 30,
      trend: { previous: 15, change: 15, direction: 'worse' },
      target: { kind: 'median-minutes-to-accept', target: 20, actual: 30, met: false },
    });
  });

  it('counts by reason list the reasons of both periods, 0 where a period had none', () => {
    expect(ofAgreement('declined:no-capacity')).toMatchObject({ value: 2, trend: { previous: 0 } });
    expect(ofAgreement('declined:out-of-area')).toMatchObject({ value: 0, trend: { previous: 4 } });
    expect(ofAgreement('completed-unsuccessful:unable-to-contact').value).toBe(2);
  });

  it('the counts by reason follow the figure they break down', () => {
    const names = agreement.measures.map(({ measure: name }) => name);
    expect(names.slice(names.indexOf('declined'), names.indexOf('declined') + 4)).toEqual([
      'declined',
      'declined:no-capacity',
      'declined:out-of-area',
      'charged-cents',
    ]);
  });

  it('budget use is the budgets as they stand, with no trend', () => {
    expect(ofAgreement('budget-utilisation')).toMatchObject({
      value: 0.45,
      trend: { previous: null, change: null, direction: null },
    });
    expect(ofAgreement('budget-awarded-cents').value).toBe(1_000_000);
  });

  it("the partner's people at the activities are its own counts", () => {
    expect(ofAgreement('trainings-attended').value).toBe(1);
    expect(ofAgreement('attendees').value).toBe(9);
  });

  it('trainings held in a quarter are checked against the per-quarter target', () => {
    expect(ofInitiative('trainings-held')).toMatchObject({
      value: 3,
      trend: { previous: 1, change: 2, direction: 'better' },
      target: { kind: 'trainings-per-quarter', target: 2, actual: 3, met: true },
    });
  });

  it('over two whole quarters a per-quarter target is checked against the mean per quarter', () => {
    const halfYear = assemblePartnershipReview(
      reviewInputs({ period: daysPeriod('2026-07-01', '2026-12-31') }),
    );
    expect(measure(halfYear.initiative.measures, 'trainings-held').target).toMatchObject({
      actual: 1.5,
      met: false,
    });
  });

  it('a period that is not whole quarters has no per-quarter figure to check', () => {
    const days = assemblePartnershipReview(
      reviewInputs({ period: daysPeriod('2026-10-01', '2026-11-30') }),
    );
    expect(measure(days.initiative.measures, 'trainings-held').target).toMatchObject({
      actual: null,
      met: null,
    });
  });

  it('the feedback score is the mean of the questions answered, against its target', () => {
    expect(ofInitiative('feedback-score')).toMatchObject({
      value: 4,
      target: { kind: 'feedback-score', target: 4, actual: 4, met: true },
    });
    expect(ofInitiative('feedback-wouldCallAgain').value).toBeNull();
  });

  it('suppressed feedback shows neither its answers nor its scores', () => {
    const suppressed = assemblePartnershipReview(
      reviewInputs({ current: periodFigures(kpisOf(), { feedback: { suppressed: true } }) }),
    );
    for (const name of ['feedback-answers', 'feedback-helped', 'feedback-score']) {
      expect(measure(suppressed.initiative.measures, name).value).toBeNull();
    }
  });

  it('a target without a kind is listed but checks nothing', () => {
    expect(review.targets).toContainEqual({ metric: 'Press coverage', target: 1 });
    const checked = [...review.initiative.measures, ...agreement.measures].flatMap((m) =>
      m.target ? [m.target.kind] : [],
    );
    expect(checked.sort()).toEqual([
      'acceptance-rate',
      'feedback-score',
      'median-minutes-to-accept',
      'trainings-per-quarter',
    ]);
  });
});
