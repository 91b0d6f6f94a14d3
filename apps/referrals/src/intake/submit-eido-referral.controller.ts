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
import { EIDO_EXAMPLES } from '../openapi-examples';
import { EIDO_DOCUMENT_SCHEMA } from './eido-document.schema';
import { checkedIdempotencyKey } from './idempotency-key-header';
import { EidoSubmissionAnswer, SubmitEidoReferralService } from './submit-eido-referral.service';

@ApiTags('intake')
@ApiBearerAuth()
@Controller('referrals')
export class SubmitEidoReferralController {
  constructor(private readonly submissions: SubmitEidoReferralService) {}

  @Post('eido')
  @Roles('dispatcher')
  @ApiOperation({
    summary: 'Hand a call to Concord as a NENA EIDO incident (NENA-STA-021.1, JSON)',
    description:
      "Reads the EIDO document into a referral: the incident type through the agency's incident-type mapping (category, urgency), the location's PIDF-LO point or circle centre, the person, the incident identifier and the notes as the narrative. The top-level member `concord` (the Concord extension object) carries consent and contactPreference, which EIDO does not. The answer lists the members used and those ignored. Idempotency-Key works as on POST /referrals, the document being the request. docs/interop.md tells the rules field by field.",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '1-200 visible ASCII' })
  @ApiBody({
    schema: EIDO_DOCUMENT_SCHEMA,
    examples: EIDO_EXAMPLES,
  })
  @ApiResponse({
    status: 201,
    description: 'The referral, awaiting assignment, with the EIDO members used and ignored.',
  })
  @ApiResponse({
    status: 400,
    description:
      'The document breaks a rule of NENA-STA-021.1 (a required member, a format, a cardinality, a reference to no component) or of the referral; every problem is named.',
  })
  @ApiResponse({
    status: 422,
    description:
      'EIDO_EXTENSION_REQUIRED, INCIDENT_TYPE_NOT_MAPPED, EIDO_INCIDENT_REQUIRED, EIDO_PERSON_REQUIRED, EIDO_PERSON_AMBIGUOUS, EIDO_PERSON_NAME_REQUIRED, EIDO_LOCATION_REQUIRED, EIDO_LOCATION_AMBIGUOUS, EIDO_LOCATION_NOT_A_POINT, EIDO_LOCATION_BY_REFERENCE_NOT_SUPPORTED, EIDO_NARRATIVE_REQUIRED, IDEMPOTENCY_KEY_REUSED.',
  })
  async submit(
    @CurrentCaller() caller: Caller,
    @Body() document: Record<string, unknown>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<EidoSubmissionAnswer> {
    const { replayed, ...answer } = await this.submissions.submit({
      agencyId: caller.organizationId as string,
      submittedBy: caller.subject,
      document,
      idempotencyKey: checkedIdempotencyKey(idempotencyKey),
    });
    if (replayed) response.setHeader('Idempotent-Replayed', 'true');
    return answer;
  }
}
