import { Controller, Get, Headers, Param, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { PartnershipReview } from './partnership-review';
import { partnershipReviewCsv } from './review-csv';
import { partnershipReviewHtml, REVIEW_PAGE_POLICY } from './review-html';
import { partnershipReviewPdf } from './review-pdf';
import { REVIEW_FORMATS, ReviewFormat, ReviewQuery } from './review.dto';
import { PartnershipReviewService } from './review.service';

const MEDIA_TYPES = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
} as const satisfies Record<ReviewFormat, string>;

/** `?format=` wins; else the first of PDF, CSV, HTML the Accept header names; else JSON. */
function formatOf(query: ReviewQuery, accept: string | undefined): ReviewFormat {
  if (query.format) return query.format;
  const accepted = accept ?? '';
  const named = (['pdf', 'csv', 'html'] as const).find((format) =>
    accepted.includes(MEDIA_TYPES[format]),
  );
  return named ?? 'json';
}

@ApiTags('partnership review')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('admin', 'auditor')
@Controller('initiatives')
export class PartnershipReviewController {
  constructor(private readonly reviews: PartnershipReviewService) {}

  @Get(':id/review')
  @ApiOperation({
    summary:
      'The partnership review of an initiative for a period: per agreement its referral figures, budget use and activities, and the initiative’s activities and community feedback, each against its KPI target with the trend from the previous period',
    description:
      'JSON, CSV (one row per agreement × measure), a printable HTML page or a PDF, by `?format=` or the Accept header (application/pdf, text/csv, text/html). Figures are defined in docs/insights.md, Partnership review.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The initiative.' })
  @ApiQuery({
    name: 'quarter',
    required: false,
    type: String,
    example: '2026-Q4',
    description:
      'A calendar quarter (UTC); compared with the quarter before. Not with from/to. Without quarter, from and to: the latest quarter that has ended.',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    type: String,
    format: 'date',
    description: 'The first day of the period (UTC), with `to`.',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    type: String,
    format: 'date',
    description:
      'The last day of the period, included, with `from`; compared with as many days before.',
  })
  @ApiQuery({ name: 'format', required: false, enum: REVIEW_FORMATS })
  @ApiProduces(MEDIA_TYPES.json, MEDIA_TYPES.csv, MEDIA_TYPES.html, MEDIA_TYPES.pdf)
  @ApiResponse({
    status: 200,
    description: 'The review.',
    content: {
      [MEDIA_TYPES.json]: { schema: { $ref: '#/components/schemas/PartnershipReview' } },
      [MEDIA_TYPES.csv]: { schema: { type: 'string' } },
      [MEDIA_TYPES.html]: { schema: { type: 'string' } },
      [MEDIA_TYPES.pdf]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiResponse({ status: 400, description: 'A query parameter breaks a rule; each one is named.' })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read the review.' })
  @ApiResponse({
    status: 404,
    description:
      'INITIATIVE_NOT_FOUND: insights has seen neither the initiative nor an agreement under it.',
  })
  async review(
    @Param('id', uuidParam()) id: string,
    @Query() query: ReviewQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PartnershipReview | string | StreamableFile> {
    const review = await this.reviews.review(id, query);
    const format = formatOf(query, accept);
    const name = `partnership-review-${id}-${review.period.label}`;
    switch (format) {
      case 'csv':
        response.type(`${MEDIA_TYPES.csv}; charset=utf-8`);
        response.attachment(`${name}.csv`);
        return partnershipReviewCsv(review);
      case 'html':
        response.type(`${MEDIA_TYPES.html}; charset=utf-8`);
        response.setHeader('Content-Security-Policy', REVIEW_PAGE_POLICY);
        return partnershipReviewHtml(review);
      case 'pdf':
        return new StreamableFile(await partnershipReviewPdf(review), {
          type: MEDIA_TYPES.pdf,
          disposition: `attachment; filename="${name}.pdf"`,
        });
      default:
        return review;
    }
  }
}
