import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { ReferralView } from '../referral/referral-view';
import { CancelReferralRequest } from './referral-actions.request.dto';
import { ReferralActionsService } from './referral-actions.service';
import { CANCEL_EXAMPLES } from '../openapi-examples';

/** What dispatch and programme administrators do with a referral. */
@ApiTags('referrals')
@ApiBearerAuth()
@ApiResponse({ status: 404, description: "REFERRAL_NOT_FOUND: absent, or another agency's." })
@ApiResponse({ status: 409, description: 'REFERRAL_TRANSITION_NOT_ALLOWED, naming the status.' })
@Controller('referrals/:id')
export class DispatchStepsController {
  constructor(private readonly actions: ReferralActionsService) {}

  @Post('cancel')
  @HttpCode(200)
  @Roles('dispatcher', 'admin')
  @ApiOperation({ summary: 'Cancel the referral (dispatch no longer needs it handled)' })
  @ApiBody({ type: CancelReferralRequest, examples: CANCEL_EXAMPLES })
  cancel(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() request: CancelReferralRequest,
  ): Promise<ReferralView> {
    return this.actions.cancel(caller, id, request);
  }

  @Post('retry-assignment')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Send an unassignable referral through the assignment engine again' })
  retryAssignment(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<ReferralView> {
    return this.actions.retryAssignment(caller, id);
  }
}
