import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { TimelineService } from './timeline.service';
import { TimelineView } from './timeline.view';

@ApiTags('referrals')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('referrals')
export class TimelineController {
  constructor(private readonly timeline: TimelineService) {}

  @Get(':id/timeline')
  @Roles('admin', 'auditor', 'dispatcher')
  @ApiOperation({
    summary:
      "A referral's events from every service in time order: its own, funding's and notifications'",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({
    status: 200,
    description:
      "`{ referralId, events: [{ eventId, type, source, time, subject, correlationId, causationId, data }] }`, oldest first. An administrator reads each event's data as published. The referral's dispatcher too, except `concord.referral.unassignable.v1`, whose `ruledOut` list of partners is replaced by `ruledOutPartners` (a count) and `ruledOutByReason` (`{ <reason>: count }`). An auditor reads every event without `incidentReference` (what identifies the case to CAD).",
  })
  @ApiResponse({ status: 400, description: 'The id is not a UUID.' })
  @ApiResponse({ status: 403, description: 'Partners do not read timelines.' })
  @ApiResponse({
    status: 404,
    description:
      "REFERRAL_NOT_FOUND: no event about it has been recorded (for a dispatcher, also another agency's referral).",
  })
  get(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<TimelineView> {
    return this.timeline.of(id, caller);
  }
}
