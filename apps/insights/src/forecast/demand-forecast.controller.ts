import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REFERRAL_CATEGORIES } from '@concord/contracts';
import { Roles } from '@concord/auth';
import {
  DEFAULT_FORECAST_WEEKS,
  DemandForecastQuery,
  MAX_FORECAST_WEEKS,
} from './demand-forecast.dto';
import { DemandForecastService } from './demand-forecast.service';
import { DemandForecastView } from './demand-forecast.view';
import { MAX_HISTORY_WEEKS } from './history-window';

@ApiTags('forecast')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('admin', 'auditor')
@Controller('forecast')
export class DemandForecastController {
  constructor(private readonly forecasts: DemandForecastService) {}

  @Get()
  @ApiOperation({
    summary:
      'Weekly referral counts per category and area code forecast for the next weeks, each with its backtest error, and each partner’s forecast open cases against its declared capacity (Little’s law). Counts only, never about persons (docs/insights.md)',
  })
  @ApiQuery({
    name: 'initiativeId',
    required: false,
    type: String,
    format: 'uuid',
    description:
      'Referrals whose first offer was made under this initiative; the outlook of the partners it offered referrals to (their arrivals of every initiative, which share their capacity).',
  })
  @ApiQuery({ name: 'category', required: false, enum: REFERRAL_CATEGORIES })
  @ApiQuery({
    name: 'areaCode',
    required: false,
    schema: { type: 'string', pattern: '^[0-9b-hjkmnp-z]{1,5}$' },
    description:
      'The demand of one area code; the capacity outlook is not per area and ignores it.',
  })
  @ApiQuery({
    name: 'weeks',
    required: false,
    schema: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_FORECAST_WEEKS,
      default: DEFAULT_FORECAST_WEEKS,
    },
    description: 'Weeks to forecast, from the current one.',
  })
  @ApiResponse({
    status: 200,
    description: `\`{ filters, history: { from, to, weeks }, series: [{ category, areaCode, history: { from, to, weeks, counts }, model, chosenBy, backtest: { mase, mape, zeroActualsIgnored, origins, horizon }, candidates, forecast: [{ weekStart, expected, low, high }] }], capacity: [{ partnerId, category, arrivals, meanWeeksOpen, completedCases, capacityOpenCases, comparison, exceeds, mayExceed, firstWeekExceeding, firstWeekMayExceed, weeks }] }\`: the complete weeks (Monday to Monday, UTC) from the first referral the filters select, at most the last ${MAX_HISTORY_WEEKS}.`,
  })
  @ApiResponse({ status: 400, description: 'A filter breaks a rule; each one is named.' })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read the forecast.' })
  @ApiResponse({
    status: 422,
    description:
      'The counts cannot be forecast; `code` names the rule, e.g. `SERIES_TOO_SHORT` when the filters select one complete week only.',
  })
  forecast(@Query() query: DemandForecastQuery): Promise<DemandForecastView> {
    return this.forecasts.forecast(query);
  }
}
