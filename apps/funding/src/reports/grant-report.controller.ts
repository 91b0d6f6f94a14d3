import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
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
import { GrantReportQuery, REPORT_FORMATS } from './grant-report.dto';
import { GrantReportService } from './grant-report.service';
import { GrantReport, grantReportCsv } from './grant-report.view';

const CSV = 'text/csv';

@ApiTags('funding sources')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('funding-sources')
export class GrantReportController {
  constructor(private readonly reports: GrantReportService) {}

  @Get(':id/report')
  @Roles('admin', 'auditor')
  @ApiOperation({
    summary: "A grant report: what the source's money reserved and charged in a period, by budget",
    description:
      "JSON, or CSV with `Accept: text/csv` or `?format=csv`. Amounts are whole cents: each budget's figures are divided among its sources in proportion to their allocations (largest remainder), so they add up exactly.",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiQuery({
    name: 'from',
    required: false,
    format: 'date',
    description: 'Default: the source period start.',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    format: 'date',
    description: 'Inclusive. Default: the source period end.',
  })
  @ApiQuery({ name: 'format', required: false, enum: REPORT_FORMATS })
  @ApiProduces('application/json', CSV)
  @ApiResponse({
    status: 200,
    description: 'The report: JSON, or a CSV attachment with one row per budget.',
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/GrantReport' } },
      [CSV]: { schema: { type: 'string' } },
    },
  })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read grant reports.' })
  @ApiResponse({ status: 404, description: 'FUNDING_SOURCE_NOT_FOUND' })
  @ApiResponse({ status: 422, description: 'REPORT_PERIOD_INVALID: `to` before `from`.' })
  async report(
    @Param('id', uuidParam()) id: string,
    @Query() query: GrantReportQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<GrantReport | string> {
    const report = await this.reports.report(id, query);
    const csv = query.format ? query.format === 'csv' : (accept ?? '').includes(CSV);
    if (!csv) return report;
    response.type(`${CSV}; charset=utf-8`);
    response.attachment(`grant-report-${id}-${report.period.from}-${report.period.to}.csv`);
    return grantReportCsv(report);
  }
}
