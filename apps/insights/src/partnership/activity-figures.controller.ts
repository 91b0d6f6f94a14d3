import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { ActivityFiguresService, ActivityFiguresView } from './activity-figures.service';
import { MAX_QUARTERS, PartnershipPeriodQuery } from './partnership-period.dto';

@ApiTags('partnership')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('admin', 'auditor')
@Controller('initiatives')
export class ActivityFiguresController {
  constructor(private readonly figures: ActivityFiguresService) {}

  @Get(':id/activity-figures')
  @ApiOperation({
    summary:
      "The initiative's joint trainings and community events held per quarter, and attendance by organisation, against its per-quarter targets (docs/insights.md)",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The initiative.' })
  @ApiQuery({
    name: 'from',
    required: false,
    type: String,
    format: 'date',
    description:
      "The first quarter: the one this date falls in (UTC); by default the one the initiative's period starts in.",
  })
  @ApiQuery({
    name: 'to',
    required: false,
    type: String,
    format: 'date',
    description: `The last quarter, included; by default the current one, or the one the period ends in if earlier. At most ${MAX_QUARTERS} quarters.`,
  })
  @ApiResponse({
    status: 200,
    description:
      '`{ initiativeId, quarters: [{ quarter, trainingsHeld, communityEventsHeld, attendees, byOrganization: [{ organizationId, activitiesAttended, trainingsAttended, attendees }], targets: [{ kind, metric, target, actual, met }] }] }`: every quarter of the range, oldest first, zeros where nothing was held. Only held activities count, in the quarter they started in; targets are the initiative’s `trainings-per-quarter` and `attendance-per-quarter` ones.',
  })
  @ApiResponse({ status: 400, description: 'The id, from or to breaks a rule; each is named.' })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read the figures.' })
  @ApiResponse({
    status: 404,
    description: 'INITIATIVE_NOT_FOUND: no event about the initiative or its activities.',
  })
  get(
    @Param('id', uuidParam()) id: string,
    @Query() period: PartnershipPeriodQuery,
  ): Promise<ActivityFiguresView> {
    return this.figures.of(id, period);
  }
}
