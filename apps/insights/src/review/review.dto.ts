import { IsDefined, IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import { IsIsoDate, IsNotBefore, SentOnlyWhen } from '@concord/platform';

export const REVIEW_FORMATS = ['json', 'csv', 'html', 'pdf'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/**
 * The query of GET /initiatives/:id/review: a quarter, or a first and last day; neither means
 * the latest quarter that has ended.
 */
export class ReviewQuery {
  /** A calendar quarter in UTC, `2026-Q4`. */
  @IsOptional()
  @Matches(/^\d{4}-Q[1-4]$/, { message: 'quarter must be a quarter YYYY-Qn, e.g. 2026-Q4' })
  @SentOnlyWhen<ReviewQuery>(
    (query) => query.from === undefined && query.to === undefined,
    'from and to are not',
  )
  quarter?: string;

  /** The first day of the period (UTC), included; with `to`. */
  @ValidateIf((query: ReviewQuery) => query.from !== undefined || query.to !== undefined)
  @IsDefined({ message: 'from must be sent with to' })
  @IsIsoDate()
  from?: string;

  /** The last day of the period (UTC), included; with `from`. */
  @ValidateIf((query: ReviewQuery) => query.from !== undefined || query.to !== undefined)
  @IsDefined({ message: 'to must be sent with from' })
  @IsIsoDate()
  @IsNotBefore('from')
  to?: string;

  /** json, csv, html or pdf; without it the Accept header decides, else json. */
  @IsOptional() @IsIn(REVIEW_FORMATS) format?: ReviewFormat;
}
