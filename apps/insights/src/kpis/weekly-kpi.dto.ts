import { IsOptional, IsUUID, registerDecorator, ValidationArguments } from 'class-validator';
import { IsNotBefore, isIsoDate, isIsoDateTime } from '@concord/platform';
import { MAX_WEEKS, weekRangeOf } from './week-range';

const isDateOrDateTime = (value: unknown): value is string =>
  isIsoDate(value) || isIsoDateTime(value);

/** A date YYYY-MM-DD or an RFC 3339 date-time with its offset. */
const IsDateOrDateTime = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'isDateOrDateTime',
    target: target.constructor,
    propertyName: String(propertyName),
    options: {
      message: ({ property }: ValidationArguments) =>
        `${property} must be a date YYYY-MM-DD or a date-time with a time zone, e.g. 2026-01-31T09:00:00Z`,
    },
    validator: { validate: isDateOrDateTime },
  });

/** Why the weeks from `from` to `to` (or to this week) cannot be listed, or undefined. */
function rangeProblem({ from, to }: WeeklyKpiQuery): string | undefined {
  if (!isDateOrDateTime(from) || (to !== undefined && !isDateOrDateTime(to))) return undefined;
  const { weeks } = weekRangeOf(from, to, Date.now());
  // With both given, `to` before `from` is IsNotBefore's to say.
  if (weeks < 1 && to === undefined)
    return 'from must not be after the current week when to is not given';
  if (weeks > MAX_WEEKS)
    return `from must be at most ${MAX_WEEKS} weeks before to (or, without to, before the current week)`;
  return undefined;
}

/** `from` opens a range of at least one and at most MAX_WEEKS weeks. */
const OpensAWeekRange = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'opensAWeekRange',
    target: target.constructor,
    propertyName: String(propertyName),
    options: {
      message: ({ object }: ValidationArguments) => rangeProblem(object as WeeklyKpiQuery) ?? '',
    },
    validator: {
      validate: (_value: unknown, { object }: ValidationArguments) =>
        rangeProblem(object as WeeklyKpiQuery) === undefined,
    },
  });

/** The query of GET /kpis/weekly (week-range.ts says which weeks `from` and `to` select). */
export class WeeklyKpiQuery {
  /** The figures of this initiative's referrals; without it, every initiative's summed. */
  @IsOptional() @IsUUID() initiativeId?: string;
  /** The first week: the one this date or date-time falls in (UTC). */
  @IsOptional() @IsDateOrDateTime() @OpensAWeekRange() from?: string;
  /** The last week, listed too; the current week by default. */
  @IsOptional() @IsDateOrDateTime() @IsNotBefore('from') to?: string;
}
