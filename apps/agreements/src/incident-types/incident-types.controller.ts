import { Body, Controller, Get, Param, Put } from '@nestjs/common';
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
import { IncidentTypesView, SaveIncidentTypesRequest } from './incident-type-mapping.dto';
import { IncidentTypesService } from './incident-types.service';
import { INCIDENT_TYPE_EXAMPLES } from '../openapi-examples';

@ApiTags('incident types')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('organizations/:id/incident-types')
export class IncidentTypesController {
  constructor(private readonly incidentTypes: IncidentTypesService) {}

  @Put()
  @Roles('admin')
  @ApiOperation({
    summary: "Replace a police agency's incident-type mapping",
    description:
      'Maps each of the agency’s CAD incident type codes to a Concord category and urgency; EIDO intake (POST /referrals/eido) uses it. organization.incident-types-mapped carries the whole new mapping.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The police agency.' })
  @ApiBody({ type: SaveIncidentTypesRequest, examples: INCIDENT_TYPE_EXAMPLES })
  @ApiResponse({ status: 200, description: 'Saved, revision + 1.' })
  @ApiResponse({ status: 400, description: 'The body breaks a rule; each field is named.' })
  @ApiResponse({ status: 403, description: 'Only an admin may map incident types.' })
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND' })
  @ApiResponse({
    status: 422,
    description: 'NOT_A_POLICE_AGENCY, or INCIDENT_TYPE_REPEATED (a code mapped twice).',
  })
  save(
    @Param('id', uuidParam()) id: string,
    @Body() request: SaveIncidentTypesRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<IncidentTypesView> {
    return this.incidentTypes.save(id, request, caller);
  }

  @Get()
  @Roles('admin', 'auditor', 'dispatcher')
  @ApiOperation({
    summary: "Read a police agency's incident-type mapping",
    description: 'A dispatcher reads only its own agency’s. Revision 0 before the first mapping.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The mapping.' })
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND, also for another agency.' })
  get(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<IncidentTypesView> {
    return this.incidentTypes.get(id, caller);
  }
}
