import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiHeader,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { ReferralView } from '../referral/referral-view';
import { checkedIdempotencyKey } from './idempotency-key-header';
import { SubmitReferralRequest } from './submit-referral.request.dto';
import { SubmitReferralService } from './submit-referral.service';
import { SUBMIT_REFERRAL_EXAMPLES } from '../openapi-examples';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('referrals')
export class SubmitReferralController {
  constructor(private readonly submissions: SubmitReferralService) {}

  @Post()
  @Roles('dispatcher')
  @ApiOperation({
    summary: 'Hand a call to Concord',
    description:
      'Creates the referral and queues it for assignment. With an Idempotency-Key, a retry gets the original answer (header Idempotent-Replayed: true) and creates nothing.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-200 visible ASCII' })
  @ApiBody({ type: SubmitReferralRequest, examples: SUBMIT_REFERRAL_EXAMPLES })
  @ApiResponse({ status: 201, description: 'The referral, awaiting assignment.' })
  @ApiResponse({ status: 400, description: 'A field breaks a rule; the message names it.' })
  @ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED for a different request.' })
  async submit(
    @CurrentCaller() caller: Caller,
    @Body() request: SubmitReferralRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ReferralView> {
    const result = await this.submissions.submit({
      agencyId: caller.organizationId as string,
      submittedBy: caller.subject,
      request,
      idempotencyKey: checkedIdempotencyKey(idempotencyKey),
    });
    if (result.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return result.referral;
  }
}
