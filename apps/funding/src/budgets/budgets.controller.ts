import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { AllocationRequest, ListBudgetsQuery, OpenBudgetRequest } from './budget.dto';
import { BudgetsService } from './budgets.service';
import { BudgetView, LedgerEntryView } from './budget.view';
import { ALLOCATION_EXAMPLES, BUDGET_EXAMPLES } from '../openapi-examples';

@ApiTags('budgets')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@Controller('budgets')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary:
      "Open a budget for an initiative's cases with one partner (and category), funded by allocations from funding sources",
  })
  @ApiBody({ type: OpenBudgetRequest, examples: BUDGET_EXAMPLES })
  @ApiResponse({
    status: 201,
    description: 'The budget; its award is the sum of the allocations. Publishes budget.opened.',
  })
  @ApiResponse({ status: 400, description: 'The body breaks a rule; each field is named.' })
  @ApiResponse({ status: 403, description: 'Only an admin may open budgets.' })
  @ApiResponse({
    status: 409,
    description: 'BUDGET_EXISTS: the initiative, partner and category have a budget already.',
  })
  @ApiResponse({
    status: 422,
    description:
      'FUNDING_SOURCE_NOT_FOUND, or FUNDING_SOURCE_OVERALLOCATED: a source has less left than asked (the message names it).',
  })
  open(@Body() request: OpenBudgetRequest, @CurrentCaller() caller: Caller): Promise<BudgetView> {
    return this.budgets.open(request, caller);
  }

  @Post(':id/allocations')
  @Roles('admin')
  @ApiOperation({ summary: 'Top a budget up with money from a funding source' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: AllocationRequest, examples: ALLOCATION_EXAMPLES })
  @ApiResponse({
    status: 201,
    description:
      'The budget after the top-up; budget.replenished when it was exhausted and now covers a case.',
  })
  @ApiResponse({ status: 403, description: 'Only an admin may top budgets up.' })
  @ApiResponse({ status: 404, description: 'BUDGET_NOT_FOUND' })
  @ApiResponse({
    status: 422,
    description: 'FUNDING_SOURCE_NOT_FOUND, or FUNDING_SOURCE_OVERALLOCATED.',
  })
  allocate(
    @Param('id', uuidParam()) id: string,
    @Body() request: AllocationRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<BudgetView> {
    return this.budgets.allocate(id, request, caller);
  }

  @Get()
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({ summary: "List budgets with their balances (a partner: its own organisation's)" })
  @ApiQuery({ name: 'initiativeId', required: false, format: 'uuid' })
  @ApiQuery({ name: 'partnerId', required: false, format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The budgets, oldest first.' })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read budgets.' })
  list(@Query() query: ListBudgetsQuery, @CurrentCaller() caller: Caller): Promise<BudgetView[]> {
    return this.budgets.list(query, caller);
  }

  @Get(':id')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({ summary: 'Read one budget with its allocations and balance' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The budget.' })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read budgets.' })
  @ApiResponse({ status: 404, description: "BUDGET_NOT_FOUND, also for another partner's." })
  get(@Param('id', uuidParam()) id: string, @CurrentCaller() caller: Caller): Promise<BudgetView> {
    return this.budgets.get(id, caller);
  }

  @Get(':id/ledger')
  @Roles('admin', 'auditor', 'partner')
  @ApiOperation({ summary: "Every entry of a budget's ledger, in order" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'The entries: allocate, reserve, release, charge.' })
  @ApiResponse({ status: 403, description: 'Dispatchers do not read budgets.' })
  @ApiResponse({ status: 404, description: "BUDGET_NOT_FOUND, also for another partner's." })
  ledger(
    @Param('id', uuidParam()) id: string,
    @CurrentCaller() caller: Caller,
  ): Promise<LedgerEntryView[]> {
    return this.budgets.entries(id, caller);
  }
}
