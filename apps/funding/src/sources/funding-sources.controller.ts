import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
import { CreateFundingSourceRequest } from './funding-source.dto';
import { FundingSourcesService } from './funding-sources.service';
import { FundingSourceView } from './funding-source.view';
import { FUNDING_SOURCE_EXAMPLES } from '../openapi-examples';

@ApiTags('funding sources')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('funding-sources')
export class FundingSourcesController {
  constructor(private readonly sources: FundingSourcesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Record a grant or budget line whose award pays for cases' })
  @ApiBody({ type: CreateFundingSourceRequest, examples: FUNDING_SOURCE_EXAMPLES })
  @ApiResponse({ status: 201, description: 'The funding source, nothing allocated yet.' })
  @ApiResponse({ status: 400, description: 'The body breaks a rule; each field is named.' })
  @ApiResponse({ status: 403, description: 'Only an admin may record funding sources.' })
  create(
    @Body() request: CreateFundingSourceRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<FundingSourceView> {
    return this.sources.create(request, caller);
  }

  @Get()
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'List funding sources with what each has allocated to budgets' })
  @ApiResponse({ status: 200, description: 'The funding sources, oldest first.' })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read funding sources.' })
  list(): Promise<FundingSourceView[]> {
    return this.sources.list();
  }

  @Get(':id')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'Read one funding source' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The funding source.' })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read funding sources.' })
  @ApiResponse({ status: 404, description: 'FUNDING_SOURCE_NOT_FOUND' })
  get(@Param('id', uuidParam()) id: string): Promise<FundingSourceView> {
    return this.sources.get(id);
  }
}
