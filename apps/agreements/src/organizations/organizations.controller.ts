import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ORGANIZATION_TYPES } from '@concord/contracts';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { ListOrganizationsQuery, SaveOrganizationRequest } from './organization.dto';
import { OrganizationsService } from './organizations.service';
import { OrganizationView } from './organization.view';
import { ORGANIZATION_EXAMPLES } from '../openapi-examples';

@ApiTags('organizations')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Register an organisation (a partner or a police agency) with its services',
  })
  @ApiBody({ type: SaveOrganizationRequest, examples: ORGANIZATION_EXAMPLES })
  @ApiResponse({ status: 201, description: 'Registered; organization.registered is published.' })
  @ApiResponse({ status: 400, description: 'The body breaks a rule; each field is named.' })
  @ApiResponse({ status: 403, description: 'Only an admin may register organisations.' })
  @ApiResponse({
    status: 422,
    description: 'A service carries an id (ORGANIZATION_SERVICE_NOT_FOUND).',
  })
  register(@Body() request: SaveOrganizationRequest): Promise<OrganizationView> {
    return this.organizations.register(request);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace an organisation and its services; a service keeps its id when it carries it',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: SaveOrganizationRequest, examples: ORGANIZATION_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: 'Updated, revision + 1; organization.updated is published.',
  })
  @ApiResponse({ status: 400, description: 'The body or the id breaks a rule.' })
  @ApiResponse({ status: 403, description: 'Only an admin may update organisations.' })
  @ApiResponse({ status: 404, description: 'ORGANIZATION_NOT_FOUND' })
  @ApiResponse({
    status: 422,
    description:
      'A service id the organisation does not have, or a change between police agency and partner.',
  })
  update(
    @Param('id', uuidParam()) id: string,
    @Body() request: SaveOrganizationRequest,
  ): Promise<OrganizationView> {
    return this.organizations.update(id, request);
  }

  @Get()
  @Roles('admin', 'auditor', 'dispatcher', 'partner')
  @ApiOperation({
    summary: 'List organisations, optionally of one type',
    description:
      'Administrators and auditors see every organisation; a dispatcher or partner only its own (minimum necessary: nothing in their work needs the directory of others).',
  })
  @ApiQuery({ name: 'type', required: false, enum: ORGANIZATION_TYPES })
  @ApiResponse({ status: 200, description: 'The organisations, by name.' })
  list(
    @Query() query: ListOrganizationsQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<OrganizationView[]> {
    return this.organizations.list(query, caller);
  }

  @Get(':id')
  @Roles('admin', 'auditor', 'dispatcher', 'partner')
  @ApiOperation({ summary: 'Read one organisation with its services' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The organisation.' })
  @ApiResponse({
    status: 404,
    description: 'ORGANIZATION_NOT_FOUND, also for a dispatcher or partner asking for another.',
  })
  get(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<OrganizationView> {
    return this.organizations.get(id, caller);
  }
}
