import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Response } from 'express';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { HSDS_IMPORT_EXAMPLES } from '../openapi-examples';
import { HsdsImportJobView } from './hsds-import-job.view';
import { HsdsImportRequest } from './hsds-import.request.dto';
import { HsdsImportService } from './hsds-import.service';

@ApiTags('hsds')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@ApiResponse({ status: 403, description: 'Only an administrator imports.' })
@Controller('hsds')
@Roles('admin')
export class HsdsImportController {
  constructor(private readonly imports: HsdsImportService) {}

  @Post('import')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Import an HSDS 3.0 directory: create or update partners by their HSDS ids',
    description:
      'Starts a job that reads the dataset in the background; GET /hsds/import-jobs/{id} reports records done out of the total, then what changed and why each record it could not take was refused, field by field. Idempotent by HSDS id: importing the same dataset again changes nothing. dryRun: true reports what would change and changes nothing. Created and updated partners are published as organization.registered / organization.updated, as the organisations API does. The body may be up to HSDS_IMPORT_BODY_LIMIT (default 64mb).',
  })
  @ApiBody({ type: HsdsImportRequest, examples: HSDS_IMPORT_EXAMPLES })
  @ApiResponse({ status: 202, description: 'The job, running; Location names it.' })
  @ApiResponse({ status: 400, description: 'The body or an option breaks a rule; each is named.' })
  @ApiResponse({ status: 413, description: 'The body is larger than HSDS_IMPORT_BODY_LIMIT.' })
  @ApiResponse({ status: 422, description: 'HSDS_DATASET_EMPTY' })
  async start(
    @Body() request: HsdsImportRequest,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HsdsImportJobView> {
    const job = await this.imports.start(request, caller);
    response.setHeader('Location', `/hsds/import-jobs/${job.id}`);
    return job;
  }

  @Get('import-jobs')
  @ApiOperation({ summary: 'The latest 20 import jobs, newest first, without their reports' })
  @ApiResponse({ status: 200, description: 'The jobs.' })
  list(): Promise<HsdsImportJobView[]> {
    return this.imports.list();
  }

  @Get('import-jobs/:id')
  @ApiOperation({ summary: 'An import job: its progress, and its report so far' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The job.' })
  @ApiResponse({ status: 404, description: 'HSDS_IMPORT_JOB_NOT_FOUND' })
  get(@Param('id', uuidParam()) id: string): Promise<HsdsImportJobView> {
    return this.imports.get(id);
  }
}
