import { IsOptional, IsUUID, registerDecorator, ValidationArguments } from 'class-validator';
import { IsIsoDate, isIsoDate, IsNotBefore } from '@concord/platform';
import { quarterOf, quartersBetween } from './quarter';

/** The most quarters one answer covers: ten years. */
export const MAX_QUARTERS = 40;

/** `to` lies at most MAX_QUARTERS quarters from `from` (when both are dates, to not before). */
const SpansAtMostMaxQuarters = (): PropertyDecorator => (target, propertyName) =>
  registerDecorator({
    name: 'spansAtMostMaxQuarters',
    target: target.constructor,
    propertyName: String(propertyName),
    options: {
      message: ({ property }: ValidationArguments) =>
        `${property} must be at most ${MAX_QUARTERS} quarters after from`,
    },
    validator: {
      validate: (to: unknown, { object }: ValidationArguments) => {
        const { from } = object as PartnershipPeriodQuery;
        if (!isIsoDate(from) || !isIsoDate(to)) return true;
        const quarters = quartersBetween(quarterOf(new Date(from)), quarterOf(new Date(to)));
        return quarters.length <= MAX_QUARTERS;
      },
    },
  });

/**
 * A period of whole quarters: `from` and `to` select the quarters they fall in, both included,
 * and each quarter is counted whole.
 */
export class PartnershipPeriodQuery {
  /** YYYY-MM-DD: the first quarter is the one this date falls in. */
  @IsOptional() @IsIsoDate() from?: string;
  /** YYYY-MM-DD: the last quarter, included, is the one this date falls in. */
  @IsOptional() @IsIsoDate() @IsNotBefore('from') @SpansAtMostMaxQuarters() to?: string;
}

/** The query of GET /feedback. */
export class FeedbackQuery extends PartnershipPeriodQuery {
  @IsUUID() initiativeId: string;
}
