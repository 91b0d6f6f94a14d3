import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REFERRAL_CATEGORIES } from '@concord/contracts';
import { Roles } from '@concord/auth';
import { KpiQuery } from './kpi.dto';
import { KpiBreakdown, KpiReport } from './kpi-report';
import { KpisService } from './kpis.service';

/** The filters every KPI endpoint takes, and the answers they share. */
const KpiFilters = () =>
  applyDecorators(
    ApiQuery({
      name: 'initiativeId',
      required: false,
      type: String,
      format: 'uuid',
      description: 'Referrals whose first offer was made under this initiative.',
    }),
    ApiQuery({
      name: 'partnerId',
      required: false,
      type: String,
      format: 'uuid',
      description: 'Referrals last offered to this partner, and the offers made to it.',
    }),
    ApiQuery({ name: 'category', required: false, enum: REFERRAL_CATEGORIES }),
    ApiQuery({
      name: 'from',
      required: false,
      type: String,
      format: 'date-time',
      description: 'Referrals submitted at or after this time.',
    }),
    ApiQuery({
      name: 'to',
      required: false,
      type: String,
      format: 'date-time',
      description: 'Referrals submitted before this time.',
    }),
    ApiResponse({ status: 400, description: 'A filter breaks a rule; each one is named.' }),
    ApiResponse({ status: 403, description: 'Only admins and auditors read KPIs.' }),
  );

@ApiTags('kpis')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('admin', 'auditor')
@Controller('kpis')
export class KpisController {
  constructor(private readonly kpis: KpisService) {}

  @Get()
  @ApiOperation({
    summary: 'Programme KPIs of the referrals the filters select (definitions: docs/insights.md)',
  })
  @KpiFilters()
  @ApiResponse({
    status: 200,
    description:
      'Counts of referrals and offers, time to assign and to accept (p50, p90 in seconds), acceptance rate, share with an outcome, cost per completed case and budget utilisation.',
  })
  report(@Query() query: KpiQuery): Promise<KpiReport> {
    return this.kpis.report(query);
  }

  @Get('by-partner')
  @ApiOperation({ summary: 'The KPIs for each partner a referral in scope was offered to' })
  @KpiFilters()
  @ApiResponse({ status: 200, description: '`{ by: "partner", groups: [{ key, kpis }] }`' })
  byPartner(@Query() query: KpiQuery): Promise<KpiBreakdown> {
    return this.kpis.breakdown(query, 'partner');
  }

  @Get('by-category')
  @ApiOperation({ summary: 'The KPIs for each category of the referrals in scope' })
  @KpiFilters()
  @ApiResponse({ status: 200, description: '`{ by: "category", groups: [{ key, kpis }] }`' })
  byCategory(@Query() query: KpiQuery): Promise<KpiBreakdown> {
    return this.kpis.breakdown(query, 'category');
  }
}
