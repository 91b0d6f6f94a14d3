import { registerDecorator } from 'class-validator';
import { KpiTargetKind } from '@concord/contracts';

/** The values a target of each kind can take: a share is 0–1, a feedback score 1–5. */
export const KPI_TARGET_RANGES: Record<KpiTargetKind, { min: number; max: number }> = {
  'acceptance-rate': { min: 0, max: 1 },
  'median-minutes-to-accept': { min: 0, max: Number.MAX_SAFE_INTEGER },
  'cost-per-completed-case-cents': { min: 0, max: Number.MAX_SAFE_INTEGER },
  'outcome-recorded-share': { min: 0, max: 1 },
  'trainings-per-quarter': { min: 0, max: Number.MAX_SAFE_INTEGER },
  'attendance-per-quarter': { min: 0, max: Number.MAX_SAFE_INTEGER },
  'feedback-score': { min: 1, max: 5 },
};

const rangeOf = (kind: unknown) =>
  typeof kind === 'string' && Object.hasOwn(KPI_TARGET_RANGES, kind)
    ? KPI_TARGET_RANGES[kind as KpiTargetKind]
    : undefined;

/**
 * The target lies in its kind's range (`target must be between 0 and 1 for kind
 * acceptance-rate`). Passes without a known kind or a number: those rules speak for themselves.
 */
export function FitsItsKind(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'fitsItsKind',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: (args) => {
          const kind = (args.object as { kind?: unknown }).kind;
          const range = rangeOf(kind);
          return range && range.max !== Number.MAX_SAFE_INTEGER
            ? `${args.property} must be between ${range.min} and ${range.max} for kind ${String(kind)}`
            : `${args.property} must be at least ${range?.min ?? 0} for kind ${String(kind)}`;
        },
      },
      validator: {
        validate: (value: unknown, args) => {
          const range = rangeOf((args?.object as { kind?: unknown }).kind);
          return (
            range === undefined ||
            typeof value !== 'number' ||
            (value >= range.min && value <= range.max)
          );
        },
      },
    });
}
