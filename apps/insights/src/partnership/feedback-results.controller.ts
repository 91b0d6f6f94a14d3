import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@concord/auth';
import { MINIMUM_CELL_SIZE } from './feedback-cells';
import { FeedbackResultsService, FeedbackResultsView } from './feedback-results.service';
import { FeedbackQuery, MAX_QUARTERS } from './partnership-period.dto';

@ApiTags('partnership')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Roles('admin', 'auditor')
@Controller('feedback')
export class FeedbackResultsController {
  constructor(private readonly results: FeedbackResultsService) {}

  @Get()
  @ApiOperation({
    summary: `The community's answers to the initiative's surveys per quarter and area code, each cell shown only with at least ${MINIMUM_CELL_SIZE} answers (docs/insights.md)`,
  })
  @ApiQuery({ name: 'initiativeId', required: true, type: String, format: 'uuid' })
  @ApiQuery({
    name: 'from',
    required: false,
    type: String,
    format: 'date',
    description: 'The first quarter: the one this date falls in (UTC); by default the first.',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    type: String,
    format: 'date',
    description: `The last quarter, included; by default the latest. At most ${MAX_QUARTERS} quarters after from.`,
  })
  @ApiResponse({
    status: 200,
    description: `\`{ initiativeId, minimumCellSize: ${MINIMUM_CELL_SIZE}, cells: [{ quarter, areaCode, suppressed: false, answers, means: { helped, respected, timely, wouldCallAgain } } | { quarter, areaCode, suppressed: true }] }\`: every quarter × area code with answers, in order; a mean is over the answers that scored the question (null if none). A cell under ${MINIMUM_CELL_SIZE} answers is suppressed, and so is the smallest other cell of a quarter with only one such cell.`,
  })
  @ApiResponse({
    status: 400,
    description: 'initiativeId, from or to breaks a rule; each is named.',
  })
  @ApiResponse({ status: 403, description: 'Only admins and auditors read the results.' })
  get(@Query() query: FeedbackQuery): Promise<FeedbackResultsView> {
    return this.results.of(query);
  }
}
