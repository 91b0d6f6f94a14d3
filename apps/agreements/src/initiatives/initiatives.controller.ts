import { Body, Controller, Get, Param, Post, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { CreateInitiativeRequest, SetKpiTargetsRequest } from './initiative.dto';
import { InitiativesService } from './initiatives.service';
import { InitiativeView } from './initiative.view';
import { INITIATIVE_EXAMPLES, KPI_TARGETS_EXAMPLES } from '../openapi-examples';

@ApiTags('initiatives')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('initiatives')
export class InitiativesController {
  constructor(private readonly initiatives: InitiativesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Start a joint initiative of a police agency and its partners' })
  @ApiBody({ type: CreateInitiativeRequest, examples: INITIATIVE_EXAMPLES })
  @ApiResponse({
    status: 201,
    description: 'The initiative, revision 1; initiative.launched is published.',
  })
  @ApiResponse({ status: 400, description: 'The body breaks a rule; each field is named.' })
  @ApiResponse({ status: 403, description: 'Only an admin may start initiatives.' })
  @ApiResponse({
    status: 422,
    description:
      'The lead is not a police agency (INITIATIVE_LEAD_NOT_AN_AGENCY), or partners are unknown or agencies (INITIATIVE_PARTNERS_INVALID).',
  })
  create(@Body() request: CreateInitiativeRequest): Promise<InitiativeView> {
    return this.initiatives.create(request);
  }

  @Put(':id/kpi-targets')
  @Roles('admin')
  @ApiOperation({
    summary: "Replace the initiative's KPI targets",
    description:
      'The list replaces every target before it. A target with a `kind` is measured by Concord (each kind at most once, its value in the kind’s range); one without is kept and shown.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: SetKpiTargetsRequest, examples: KPI_TARGETS_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: 'The initiative at its next revision; initiative.targets-set is published.',
  })
  @ApiResponse({
    status: 400,
    description: 'The body or the id breaks a rule; each field is named.',
  })
  @ApiResponse({ status: 403, description: 'Only an admin may set targets.' })
  @ApiResponse({ status: 404, description: 'INITIATIVE_NOT_FOUND' })
  setKpiTargets(
    @Param('id', uuidParam()) id: string,
    @Body() request: SetKpiTargetsRequest,
  ): Promise<InitiativeView> {
    return this.initiatives.setKpiTargets(id, request.kpiTargets);
  }

  @Get()
  @Roles('admin', 'auditor', 'dispatcher', 'partner')
  @ApiOperation({
    summary: 'List initiatives',
    description:
      'Administrators and auditors see every initiative; a dispatcher or partner those its organisation leads or takes part in.',
  })
  @ApiResponse({ status: 200, description: 'The initiatives, oldest first.' })
  list(@CurrentCaller() caller: Caller): Promise<InitiativeView[]> {
    return this.initiatives.list(caller);
  }

  @Get(':id')
  @Roles('admin', 'auditor', 'dispatcher', 'partner')
  @ApiOperation({ summary: 'Read one initiative' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The initiative.' })
  @ApiResponse({
    status: 404,
    description: 'INITIATIVE_NOT_FOUND, also for one the caller’s organisation is not part of.',
  })
  get(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<InitiativeView> {
    return this.initiatives.get(id, caller);
  }
}
