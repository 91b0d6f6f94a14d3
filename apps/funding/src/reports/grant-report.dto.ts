import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDate, IsNotBefore } from '@concord/platform';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The query of GET /funding-sources/:id/report; the period defaults to the source's own. */
export class GrantReportQuery {
  /** The first day of the period (UTC), inclusive. */
  @IsOptional() @IsIsoDate() from?: string;
  /** The last day of the period (UTC), inclusive. */
  @IsOptional() @IsIsoDate() @IsNotBefore('from') to?: string;
  /** csv, or json; without it the Accept header decides (text/csv), else json. */
  @IsOptional() @IsIn(REPORT_FORMATS) format?: ReportFormat;
}
