import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AGREEMENT_STATUSES } from '@concord/contracts';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import {
  AmendAgreementRequest,
  ChangeAgreementStatusRequest,
  CreateAgreementRequest,
  ListAgreementsQuery,
  SignAgreementRequest,
} from './agreement.dto';
import { AgreementsService } from './agreements.service';
import { AgreementDetailView, AgreementView } from './agreement.view';
import {
  AGREEMENT_EXAMPLES,
  AMENDMENT_EXAMPLES,
  SIGNATURE_EXAMPLES,
  STATUS_CHANGE_EXAMPLES,
} from '../openapi-examples';

const NOT_ALLOWED = {
  status: 409,
  description:
    'AGREEMENT_TRANSITION_NOT_ALLOWED: not possible in the current status, which the message names.',
};
const OVERLAPS =
  'AGREEMENT_OVERLAPS: another agreement of the partner and initiative that has not ended (the message names it) covers one of the categories for part of the period.';
const NOT_FOUND = { status: 404, description: 'AGREEMENT_NOT_FOUND' };
const STATUS_HISTORY =
  "`signatures`, `versions` and `statusHistory`: every status it has had, oldest first, as `{ status, previousStatus, reason, changedAt, changedBy }` (previousStatus null for the draft's creation; changedBy the administrator's token subject or 'scheduler'; an agreement older than the history starts with one entry backfilled from its status then, changedBy 'unknown' unless a draft).";
const RECORDED = 'The change is added to `statusHistory`, with the caller as changedBy.';
const ADMIN_ONLY = { status: 403, description: 'Only an admin may do this.' };
const BAD_INPUT = {
  status: 400,
  description: 'The body or the id breaks a rule; each field is named.',
};

@ApiTags('agreements')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: "Draft an agreement between an initiative's lead agency and one partner",
  })
  @ApiBody({ type: CreateAgreementRequest, examples: AGREEMENT_EXAMPLES })
  @ApiResponse({
    status: 201,
    description: 'The draft, version 1; its `statusHistory` begins with its creation.',
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse({ status: 409, description: OVERLAPS })
  @ApiResponse({
    status: 422,
    description:
      'INITIATIVE_NOT_FOUND, AGREEMENT_PARTNER_NOT_IN_INITIATIVE or AGREEMENT_CATEGORIES_OUTSIDE_INITIATIVE.',
  })
  create(
    @Body() request: CreateAgreementRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.create(request, caller);
  }

  @Post(':id/signatures')
  @Roles('admin')
  @ApiOperation({
    summary:
      "Record a party's signatory; with both signed and the start come, the agreement is active",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: SignAgreementRequest, examples: SIGNATURE_EXAMPLES })
  @ApiResponse({
    status: 201,
    description:
      'The agreement with its signatures; agreement.activated, and the activation in `statusHistory`, when it came into force.',
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({
    status: 409,
    description:
      'AGREEMENT_ALREADY_SIGNED for that party, or AGREEMENT_TRANSITION_NOT_ALLOWED when not a draft.',
  })
  sign(
    @Param('id', uuidParam()) id: string,
    @Body() request: SignAgreementRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.sign(id, request, caller);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Suspend an active agreement: the partner leaves routing' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: ChangeAgreementStatusRequest, examples: STATUS_CHANGE_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: `Suspended; agreement.suspended is published. ${RECORDED}`,
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(NOT_ALLOWED)
  suspend(
    @Param('id', uuidParam()) id: string,
    @Body() request: ChangeAgreementStatusRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.suspend(id, request.reason, caller);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Resume a suspended agreement' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({
    status: 200,
    description: `Active again; agreement.activated is published. ${RECORDED}`,
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(NOT_ALLOWED)
  resume(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.resume(id, caller);
  }

  @Post(':id/terminate')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'End an agreement for good (a draft: withdraw it)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: ChangeAgreementStatusRequest, examples: STATUS_CHANGE_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: `Terminated; agreement.terminated is published. ${RECORDED}`,
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(NOT_ALLOWED)
  terminate(
    @Param('id', uuidParam()) id: string,
    @Body() request: ChangeAgreementStatusRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.terminate(id, request.reason, caller);
  }

  @Post(':id/amendments')
  @Roles('admin')
  @ApiOperation({ summary: 'Amend the terms: a new version, every earlier one kept' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: AmendAgreementRequest, examples: AMENDMENT_EXAMPLES })
  @ApiResponse({
    status: 201,
    description: 'The agreement at its new version; agreement.amended when active or suspended.',
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({ status: 409, description: `${NOT_ALLOWED.description} ${OVERLAPS}` })
  @ApiResponse({
    status: 422,
    description:
      'AMENDMENT_CHANGES_NOTHING, AGREEMENT_CATEGORIES_OUTSIDE_INITIATIVE or AGREEMENT_DATES_INVALID.',
  })
  amend(
    @Param('id', uuidParam()) id: string,
    @Body() request: AmendAgreementRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.amend(id, request, caller);
  }

  @Get()
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({ summary: "List agreements (a partner: its own organisation's only)" })
  @ApiQuery({ name: 'partnerId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'initiativeId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'status', required: false, enum: AGREEMENT_STATUSES })
  @ApiResponse({ status: 200, description: 'The agreements, oldest first.' })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read agreements.' })
  list(
    @Query() query: ListAgreementsQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementView[]> {
    return this.agreements.list(query, caller);
  }

  @Get(':id')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({
    summary: 'Read one agreement with its signatures, every version and its status history',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({
    status: 200,
    description: `The agreement with ${STATUS_HISTORY}`,
  })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read agreements.' })
  @ApiResponse({ status: 404, description: "AGREEMENT_NOT_FOUND, also for another partner's." })
  get(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<AgreementDetailView> {
    return this.agreements.get(id, caller);
  }
}
