import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ACTIVITY_STATUSES } from '@concord/contracts';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { ACTIVITY_EXAMPLES, ATTENDANCE_EXAMPLES } from '../openapi-examples';
import {
  ConfirmParticipationRequest,
  ListActivitiesQuery,
  PlanActivityRequest,
  RecordAttendanceRequest,
} from './activity.dto';
import { ActivitiesService } from './activities.service';
import { ActivityView } from './activity.view';

const BAD_INPUT = {
  status: 400,
  description: 'The body or the id breaks a rule; each field is named.',
};
const ADMIN_ONLY = { status: 403, description: 'Only an admin may do this.' };
const NOT_FOUND = { status: 404, description: 'ACTIVITY_NOT_FOUND' };
const NOT_PLANNED = {
  status: 409,
  description: 'ACTIVITY_NOT_PLANNED: the activity was held or cancelled (the message says which).',
};
const NOT_IN_INITIATIVE =
  'ACTIVITY_ORGANIZATION_NOT_IN_INITIATIVE: an organisation is neither the lead agency nor a partner of the initiative (the message names it).';
const ID = { name: 'id', format: 'uuid' } as const;

@ApiTags('activities')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller()
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesService) {}

  @Post('initiatives/:id/activities')
  @Roles('admin')
  @ApiOperation({
    summary: 'Plan a joint training or community event of the initiative',
    description:
      'Title, place and topicDetail stay in this service; the activity.* events carry codes, times and head counts only.',
  })
  @ApiParam({ ...ID, description: 'The initiative.' })
  @ApiBody({ type: PlanActivityRequest, examples: ACTIVITY_EXAMPLES })
  @ApiResponse({ status: 201, description: 'The activity, planned, revision 1; activity.planned.' })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse({ status: 404, description: 'INITIATIVE_NOT_FOUND' })
  @ApiResponse({ status: 422, description: NOT_IN_INITIATIVE })
  plan(
    @Param('id', uuidParam()) initiativeId: string,
    @Body() request: PlanActivityRequest,
  ): Promise<ActivityView> {
    return this.activities.plan(initiativeId, request);
  }

  @Get('activities')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({
    summary: 'List activities',
    description:
      'Administrators and auditors see every activity; a partner those its organisation takes part in. `from` and `to` are days (UTC, inclusive) the activity starts on.',
  })
  @ApiQuery({ name: 'initiativeId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'status', required: false, enum: ACTIVITY_STATUSES })
  @ApiQuery({ name: 'from', required: false, format: 'date' })
  @ApiQuery({ name: 'to', required: false, format: 'date' })
  @ApiResponse({ status: 200, description: 'The activities, earliest start first.' })
  @ApiResponse({ status: 400, description: 'A query parameter breaks a rule; each is named.' })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read activities.' })
  list(
    @Query() query: ListActivitiesQuery,
    @CurrentCaller() caller: Caller,
  ): Promise<ActivityView[]> {
    return this.activities.list(query, caller);
  }

  @Get('activities/:id')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({ summary: 'Read one activity' })
  @ApiParam(ID)
  @ApiResponse({ status: 200, description: 'The activity.' })
  @ApiResponse({ status: 400, description: 'The id is not a UUID.' })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read activities.' })
  @ApiResponse({
    status: 404,
    description:
      'ACTIVITY_NOT_FOUND, also for one the partner’s organisation does not take part in.',
  })
  get(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<ActivityView> {
    return this.activities.get(id, caller);
  }

  @Put('activities/:id')
  @Roles('admin')
  @ApiOperation({
    summary: 'Change a planned activity: its time, place, topic or organisations',
    description:
      'The body replaces the details. An organisation that stays keeps its confirmation; one left out no longer takes part.',
  })
  @ApiParam(ID)
  @ApiBody({ type: PlanActivityRequest, examples: ACTIVITY_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: 'The activity at its next revision; activity.rescheduled.',
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(NOT_PLANNED)
  @ApiResponse({ status: 422, description: NOT_IN_INITIATIVE })
  reschedule(
    @Param('id', uuidParam()) id: string,
    @Body() request: PlanActivityRequest,
  ): Promise<ActivityView> {
    return this.activities.reschedule(id, request);
  }

  @Post('activities/:id/participation')
  @HttpCode(200)
  @Roles('admin', 'partner')
  @ApiOperation({
    summary: 'Confirm an organisation will be there',
    description:
      'A partner confirms its own organisation, with no body; an admin names the organisation. Confirming again changes nothing.',
  })
  @ApiParam(ID)
  @ApiBody({ type: ConfirmParticipationRequest, required: false })
  @ApiResponse({
    status: 200,
    description: 'The activity; activity.participation-confirmed when this confirmed something.',
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse({
    status: 403,
    description:
      'ACTIVITY_PARTICIPATION_NOT_YOURS: a partner named another organisation; or the role may not confirm.',
  })
  @ApiResponse({
    status: 404,
    description:
      'ACTIVITY_NOT_FOUND (also to a partner not taking part), or ACTIVITY_PARTICIPANT_NOT_FOUND: the named organisation does not take part.',
  })
  @ApiResponse(NOT_PLANNED)
  @ApiResponse({
    status: 422,
    description: 'ACTIVITY_ORGANIZATION_REQUIRED: an admin must name the organisation.',
  })
  confirmParticipation(
    @Param('id', uuidParam()) id: string,
    @Body() request: ConfirmParticipationRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ActivityView> {
    return this.activities.confirmParticipation(id, request, caller);
  }

  @Put('activities/:id/attendance')
  @Roles('admin')
  @ApiOperation({
    summary: 'Record how many came from each organisation: the activity was held',
    description:
      'Head counts only, never names. A taking-part organisation left out is recorded as not known (null). May be sent again to correct it.',
  })
  @ApiParam(ID)
  @ApiBody({ type: RecordAttendanceRequest, examples: ATTENDANCE_EXAMPLES })
  @ApiResponse({
    status: 200,
    description: 'The activity, held, at its next revision; activity.attendance-recorded.',
  })
  @ApiResponse(BAD_INPUT)
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse({
    status: 409,
    description:
      'ACTIVITY_NOT_STARTED: before the activity starts; ACTIVITY_CANCELLED: it was cancelled.',
  })
  @ApiResponse({
    status: 422,
    description:
      'ACTIVITY_ORGANIZATION_NOT_TAKING_PART: an organisation named does not take part (the message names it).',
  })
  recordAttendance(
    @Param('id', uuidParam()) id: string,
    @Body() request: RecordAttendanceRequest,
  ): Promise<ActivityView> {
    return this.activities.recordAttendance(id, request);
  }

  @Post('activities/:id/cancellation')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Call a planned activity off',
    description:
      'Cancelling is how an activity is taken back: its events have been published and cannot un-happen, so it is never deleted.',
  })
  @ApiParam(ID)
  @ApiResponse({ status: 200, description: 'The activity, cancelled; activity.cancelled.' })
  @ApiResponse({ status: 400, description: 'The id is not a UUID.' })
  @ApiResponse(ADMIN_ONLY)
  @ApiResponse(NOT_FOUND)
  @ApiResponse(NOT_PLANNED)
  cancel(@Param('id', uuidParam()) id: string): Promise<ActivityView> {
    return this.activities.cancel(id);
  }
}
