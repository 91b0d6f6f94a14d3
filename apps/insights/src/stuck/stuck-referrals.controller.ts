import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { REFERRAL_CATEGORIES } from '@concord/contracts';
import { Roles } from '@concord/auth';
import { StuckReferralsQuery } from './stuck.dto';
import { StuckReferralsView } from './stuck-referral.view';
import { OPEN_STATES } from './stuck-rules';
import { StuckReferralsService } from './stuck-referrals.service';

const uuidFilter = (name: string, description: string) =>
  ApiQuery({ name, required: false, type: String, format: 'uuid', description });

const StuckFilters = () =>
  applyDecorators(
    uuidFilter('agencyId', "The referral's police agency."),
    uuidFilter('initiativeId', "The initiative of the referral's first offer."),
    uuidFilter('partnerId', "The partner of the referral's latest offer."),
    ApiQuery({ name: 'category', required: false, enum: REFERRAL_CATEGORIES }),
    ApiQuery({ name: 'state', required: false, enum: OPEN_STATES }),
    ApiQuery({
      name: 'limit',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    }),
    ApiQuery({
      name: 'overdueOnly',
      required: false,
      schema: { type: 'boolean', default: true },
      description:
        'false: every open referral the filters select, overdue or not (overdueSeconds negative while within its time).',
    }),
  );

@ApiTags('referrals')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('referrals')
export class StuckReferralsController {
  constructor(private readonly stuck: StuckReferralsService) {}

  @Get('stuck')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Referrals whose current state has lasted too long (an offer past its deadline, no partner, no contact, no outcome), and unfunded cases (accepted before funding rejected the reservation)',
  })
  @StuckFilters()
  @ApiResponse({
    status: 200,
    description:
      '`{ asOf, rules, total, referrals: [{ referralId, state, rule, unfunded, since, stuckSince, inStateSeconds, overdueSeconds, acceptBy, … }] }`, longest overdue first; `rule` is `unfunded` for an unfunded case.',
  })
  @ApiResponse({ status: 400, description: 'A filter breaks a rule; each one is named.' })
  @ApiResponse({ status: 403, description: 'Only an admin watches stuck referrals.' })
  list(@Query() query: StuckReferralsQuery): Promise<StuckReferralsView> {
    return this.stuck.list(query);
  }
}
