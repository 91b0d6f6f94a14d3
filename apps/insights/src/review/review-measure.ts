import { KPI_TARGET_DIRECTIONS, KpiTargetKind } from '@concord/contracts';

/** Which way a figure is better: more, less, or neither (a count that depends on the volume). */
export type BetterWhen = 'at-least' | 'at-most' | null;

export type MeasureUnit = 'count' | 'share' | 'minutes' | 'cents' | 'score';

/** The change from the previous period and whether it is for the better. */
export interface Trend {
  readonly previous: number | null;
  /** value − previous; null when either is null. */
  readonly change: number | null;
  /** null when either value is null or the figure has no better way (a plain count). */
  readonly direction: 'better' | 'worse' | 'same' | null;
}

/** How the figure compares with the initiative's target of that kind. */
export interface TargetCheck {
  readonly kind: KpiTargetKind;
  readonly target: number;
  /** The figure in the target's terms (per quarter for a per-quarter target); null if unknown. */
  readonly actual: number | null;
  /** null when `actual` is null. */
  readonly met: boolean | null;
}

/** One figure of the review, for an agreement or the whole initiative. */
export interface ReviewMeasure {
  /** e.g. `acceptance-rate`, `declined:no-capacity` (docs/insights.md lists them). */
  readonly measure: string;
  readonly unit: MeasureUnit;
  readonly value: number | null;
  readonly trend: Trend;
  readonly target: TargetCheck | null;
}

/** A KPI target of the initiative that Concord measures (it has a kind). */
export interface MeasuredTarget {
  readonly kind: KpiTargetKind;
  readonly target: number;
}

/** The trend from `previous` to `value`, better or worse as `betterWhen` says. */
export function trendOf(
  value: number | null,
  previous: number | null,
  betterWhen: BetterWhen,
): Trend {
  if (value === null || previous === null) return { previous, change: null, direction: null };
  const change = value - previous;
  if (betterWhen === null) return { previous, change, direction: null };
  if (change === 0) return { previous, change, direction: 'same' };
  const better = betterWhen === 'at-least' ? change > 0 : change < 0;
  return { previous, change, direction: better ? 'better' : 'worse' };
}

/** Whether `actual` meets the target, in the direction KPI_TARGET_DIRECTIONS gives its kind. */
export function targetCheckOf(target: MeasuredTarget, actual: number | null): TargetCheck {
  if (actual === null) return { ...target, actual, met: null };
  const met =
    KPI_TARGET_DIRECTIONS[target.kind] === 'at-least'
      ? actual >= target.target
      : actual <= target.target;
  return { ...target, actual, met };
}

/** How a figure is read: its unit, which way is better, and the target kind it answers to. */
export interface MeasureDefinition {
  readonly unit: MeasureUnit;
  readonly betterWhen: BetterWhen;
  readonly kind?: KpiTargetKind;
}

/** A figure with a target kind is better the way its target is; KPI_TARGET_DIRECTIONS says. */
export const measured = (unit: MeasureUnit, kind: KpiTargetKind): MeasureDefinition => ({
  unit,
  betterWhen: KPI_TARGET_DIRECTIONS[kind],
  kind,
});
