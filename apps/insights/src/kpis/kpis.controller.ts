import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REFERRAL_CATEGORIES } from '@concord/contracts';
import { Roles } from '@concord/auth';
import { AreaKpiQuery } from './area-kpi.dto';
import { AreaKpisReport } from './area-kpis';
import { KpiQuery } from './kpi.dto';
import { KpiBreakdown, KpiReport } from './kpi-report';
import { KpisService } from './kpis.service';
import { WeeklyKpiQuery } from './weekly-kpi.dto';
import { WeeklyKpis } from './weekly-kpis';
import { DEFAULT_WEEKS, MAX_WEEKS } from './week-range';

/** The answers of every KPI endpoint besides its 200 (and the 401 of the controller). */
const KpiRefusals = () =>
  applyDecorators(
    ApiResponse({ status: 400, description: 'A filter breaks a rule; each one is named.' }),
    ApiResponse({ status: 403, description: 'Only admins and auditors read KPIs.' }),
  );

/** The filters of /kpis and its breakdowns, and the answers they share. */
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
    KpiRefusals(),
  );

/** A bound of /kpis/weekly: a date or a date-time with an offset. */
const WEEK_BOUND = {
  anyOf: [
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' },
  ],
};

/** The filters of /kpis/weekly. */
const WeeklyFilters = () =>
  applyDecorators(
    ApiQuery({
      name: 'initiativeId',
      required: false,
      type: String,
      format: 'uuid',
      description: "The figures of this initiative's referrals; without it, every initiative's.",
    }),
    ApiQuery({
      name: 'from',
      required: false,
      schema: WEEK_BOUND,
      description: `The first week: the one this date (YYYY-MM-DD) or date-time with an offset falls in; by default ${DEFAULT_WEEKS - 1} weeks before \`to\`. At most ${MAX_WEEKS} weeks.`,
    }),
    ApiQuery({
      name: 'to',
      required: false,
      schema: WEEK_BOUND,
      description:
        'The last week, included: the one this date or date-time falls in; by default the current week.',
    }),
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

  @Get('weekly')
  @ApiOperation({
    summary:
      'Week by week (Monday to Sunday, UTC): assignments, acceptances, offers, completions and charges, from the rollups the projection keeps',
  })
  @WeeklyFilters()
  @KpiRefusals()
  @ApiResponse({
    status: 200,
    description:
      '`{ filters: { initiativeId, from, to }, weeks: [{ weekStart, assigned, timeToAssignAverageSeconds, accepted, timeToAcceptAverageSeconds, offers: { accepted, declined, expired }, acceptanceRate, completed: { successful, unsuccessful }, chargedCents, costPerCompletedCaseCents }] }`: every week of the range, oldest first, zeros for a week with nothing.',
  })
  weekly(@Query() query: WeeklyKpiQuery): Promise<WeeklyKpis> {
    return this.kpis.weekly(query);
  }

  @Get('by-area')
  @ApiOperation({
    summary:
      'Per area code: referrals submitted, unassignable, accepted, completed and cancelled, and what each partner carried there',
  })
  @ApiQuery({
    name: 'initiativeId',
    required: false,
    type: String,
    format: 'uuid',
    description: "Only the carriers of this initiative (the area's own counts are of all).",
  })
  @KpiRefusals()
  @ApiResponse({
    status: 200,
    description:
      '`{ areas: [{ areaCode, submitted, unassignable, accepted, completed, cancelled, carriers: [{ partnerId, agreementId, initiativeId, offered, accepted, completed }] }] }`, ordered by area code.',
  })
  byArea(@Query() query: AreaKpiQuery): Promise<AreaKpisReport> {
    return this.kpis.byArea(query);
  }
}
