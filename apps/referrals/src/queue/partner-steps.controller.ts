import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { PartnerReferralView } from '../referral/referral-view';
import {
  CompleteReferralRequest,
  DeclineReferralRequest,
  RecordContactRequest,
} from './referral-actions.request.dto';
import { ReferralActionsService } from './referral-actions.service';
import { COMPLETE_EXAMPLES, DECLINE_EXAMPLES } from '../openapi-examples';

/** What the partner holding a referral does with it. Each answers with the partner's view. */
@ApiTags('partner queue')
@ApiBearerAuth()
@ApiResponse({ status: 404, description: 'REFERRAL_NOT_FOUND: never offered to you.' })
@ApiResponse({
  status: 409,
  description:
    'REFERRAL_TRANSITION_NOT_ALLOWED (names the current status) or OFFER_NO_LONGER_YOURS.',
})
@Roles('partner')
@Controller('referrals/:id')
export class PartnerStepsController {
  constructor(private readonly actions: ReferralActionsService) {}

  @Post('accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the offer' })
  accept(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<PartnerReferralView> {
    return this.actions.accept(caller, id);
  }

  @Post('decline')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Decline the offer with a reason; the referral goes to the next partner',
  })
  @ApiBody({ type: DeclineReferralRequest, examples: DECLINE_EXAMPLES })
  decline(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() request: DeclineReferralRequest,
  ): Promise<PartnerReferralView> {
    return this.actions.decline(caller, id, request);
  }

  @Post('contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record contact with the person: the case is in progress' })
  @ApiBody({ type: RecordContactRequest, required: false })
  recordContact(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() request: RecordContactRequest,
  ): Promise<PartnerReferralView> {
    return this.actions.recordContact(caller, id, request);
  }

  @Post('complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Report the outcome: the loop is closed' })
  @ApiBody({ type: CompleteReferralRequest, examples: COMPLETE_EXAMPLES })
  complete(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() request: CompleteReferralRequest,
  ): Promise<PartnerReferralView> {
    return this.actions.complete(caller, id, request);
  }
}
