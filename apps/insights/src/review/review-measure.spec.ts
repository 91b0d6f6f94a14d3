import { targetCheckOf, trendOf } from './review-measure';

describe('a review figure against its target and its previous period', () => {
  it('more is better for a figure whose target is a floor', () => {
    expect(trendOf(0.8, 0.7, 'at-least')).toEqual({
      previous: 0.7,
      change: 0.8 - 0.7,
      direction: 'better',
    });
    expect(trendOf(0.6, 0.7, 'at-least').direction).toBe('worse');
  });

  it('less is better for a figure whose target is a ceiling', () => {
    expect(trendOf(30, 45, 'at-most')).toEqual({ previous: 45, change: -15, direction: 'better' });
    expect(trendOf(50, 45, 'at-most').direction).toBe('worse');
  });

  it('an unchanged figure is the same; a plain count has a change but no direction', () => {
    expect(trendOf(4, 4, 'at-least').direction).toBe('same');
    expect(trendOf(7, 4, null)).toEqual({ previous: 4, change: 3, direction: null });
  });

  it('a figure missing in either period has no change and no direction', () => {
    expect(trendOf(null, 4, 'at-least')).toEqual({ previous: 4, change: null, direction: null });
    expect(trendOf(4, null, 'at-most')).toEqual({ previous: null, change: null, direction: null });
  });

  it('a target is met as KPI_TARGET_DIRECTIONS says its kind is better', () => {
    expect(targetCheckOf({ kind: 'acceptance-rate', target: 0.8 }, 0.8).met).toBe(true);
    expect(targetCheckOf({ kind: 'acceptance-rate', target: 0.8 }, 0.79).met).toBe(false);
    expect(targetCheckOf({ kind: 'median-minutes-to-accept', target: 30 }, 30).met).toBe(true);
    expect(targetCheckOf({ kind: 'cost-per-completed-case-cents', target: 5000 }, 5001).met).toBe(
      false,
    );
  });

  it('a target without a figure is neither met nor missed', () => {
    expect(targetCheckOf({ kind: 'feedback-score', target: 4 }, null)).toEqual({
      kind: 'feedback-score',
      target: 4,
      actual: null,
      met: null,
    });
  });
});
