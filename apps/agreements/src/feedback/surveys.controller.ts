import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuditRead } from '@concord/audit';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { CreateSurveyRequest, SurveysQuery } from './survey.dto';
import { SurveysService } from './surveys.service';
import { SurveyComment, SurveyView } from './survey.view';

/** Surveys as administrators open and close them, and partners print their link. */
@ApiTags('surveys')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller()
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Post('initiatives/:initiativeId/surveys')
  @Roles('admin')
  @ApiOperation({
    summary: 'Open a community survey of an initiative',
    description:
      'Publishes survey.opened. The answer carries the public page and QR code links; anyone may answer there without an account.',
  })
  @ApiParam({ name: 'initiativeId', format: 'uuid' })
  @ApiBody({ type: CreateSurveyRequest })
  @ApiResponse({ status: 201, description: 'The survey, open.' })
  @ApiResponse({ status: 404, description: 'INITIATIVE_NOT_FOUND' })
  open(
    @Param('initiativeId', uuidParam()) initiativeId: string,
    @Body() request: CreateSurveyRequest,
  ): Promise<SurveyView> {
    return this.surveys.open(initiativeId, request);
  }

  @Get('surveys')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({
    summary: 'List community surveys',
    description:
      'Administrators and auditors see every survey; a partner those of the initiatives its organisation takes part in.',
  })
  @ApiResponse({ status: 200, description: 'The surveys, oldest first.' })
  list(@Query() query: SurveysQuery, @CurrentCaller() caller: Caller): Promise<SurveyView[]> {
    return this.surveys.list(caller, query.initiativeId);
  }

  @Get('surveys/:id')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({ summary: 'Read one community survey, with its public links' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The survey.' })
  @ApiResponse({
    status: 404,
    description:
      'SURVEY_NOT_FOUND, also for one of an initiative the caller’s organisation is not part of.',
  })
  get(@Param('id', uuidParam()) id: string, @CurrentCaller() caller: Caller): Promise<SurveyView> {
    return this.surveys.get(id, caller);
  }

  @Post('surveys/:id/closure')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a survey to answers', description: 'Publishes survey.closed.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The survey, closed.' })
  @ApiResponse({ status: 404, description: 'SURVEY_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'SURVEY_CLOSED: it was closed already.' })
  close(@Param('id', uuidParam()) id: string): Promise<SurveyView> {
    return this.surveys.close(id);
  }

  @Get('surveys/:id/comments')
  @Roles('admin')
  @AuditRead('survey-answer', 'read-comment')
  @ApiOperation({
    summary: "Read the free-text comments of a survey's answers",
    description:
      'Administrators only; each read is audited. A comment comes with its quarter and area code, never with a time or anything about who wrote it.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The comments, by quarter.' })
  @ApiResponse({ status: 404, description: 'SURVEY_NOT_FOUND' })
  comments(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<SurveyComment[]> {
    return this.surveys.comments(id, caller);
  }
}
