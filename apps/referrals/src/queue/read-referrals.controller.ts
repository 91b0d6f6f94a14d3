import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditRead } from '@concord/audit';
import { Caller, CurrentCaller, Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import { DecisionView } from '../assignment/decision-view';
import { PartnerReferralView, ReferralView } from '../referral/referral-view';
import { LISTABLE_STATUSES, ListReferralsQuery, ReferralFilter } from './list-referrals.query.dto';
import { Page, ReferralReadsService, StatusCounts } from './referral-reads.service';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReadReferralsController {
  constructor(private readonly reads: ReferralReadsService) {}

  @Get()
  @Roles('dispatcher', 'partner', 'admin')
  @AuditRead('referral', 'read-person')
  @ApiOperation({
    summary: 'A page of referrals, newest first',
    description:
      "Dispatch sees its agency's referrals, an administrator all (status=unassignable is the administrator queue), a partner its queue: the referrals offered to it, each with its own offer's status and only the fields its agreement shares. Keyset pagination: pass nextCursor as `after`.",
  })
  @ApiQuery({
    name: 'status',
    required: false,
    description: `Comma-separated: ${LISTABLE_STATUSES.join(', ')}`,
  })
  @ApiQuery({ name: 'category', required: false, description: 'Comma-separated categories' })
  @ApiQuery({ name: 'urgency', required: false, description: 'Comma-separated urgencies' })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 20' })
  @ApiQuery({ name: 'after', required: false, description: 'The nextCursor of the previous page' })
  @ApiResponse({ status: 200, description: '{ items, nextCursor }' })
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListReferralsQuery,
  ): Promise<Page<ReferralView> | Page<PartnerReferralView>> {
    return caller.role === 'partner'
      ? this.reads.queue(caller, query)
      : this.reads.list(caller, query);
  }

  @Get('counts')
  @Roles('dispatcher', 'partner', 'admin')
  @ApiOperation({
    summary: "How many referrals the caller's list holds in each status",
    description:
      "The same scope as GET /referrals: a partner counts the offers made to it by the offer's status, dispatch its agency's referrals and an administrator every referral by the referral's status. Filter by category and urgency as the list does. Counts carry no personal data, so reading them is not audited.",
  })
  @ApiQuery({ name: 'category', required: false, description: 'Comma-separated categories' })
  @ApiQuery({ name: 'urgency', required: false, description: 'Comma-separated urgencies' })
  @ApiResponse({ status: 200, description: '{ byStatus: { <status>: count }, total }' })
  counts(@CurrentCaller() caller: Caller, @Query() filter: ReferralFilter): Promise<StatusCounts> {
    return this.reads.counts(caller, filter);
  }

  @Get(':id')
  @Roles('dispatcher', 'partner', 'admin')
  @AuditRead('referral', 'read-person')
  @ApiOperation({
    summary: 'One referral',
    description:
      'Dispatch and administrators see all of it; a partner only a referral offered to it, with the personal fields its agreement shares.',
  })
  @ApiResponse({ status: 404, description: 'REFERRAL_NOT_FOUND: absent, or not yours to see.' })
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<ReferralView | PartnerReferralView> {
    return this.reads.get(caller, id);
  }

  @Get(':id/decisions')
  @Roles('dispatcher', 'partner', 'admin')
  @ApiOperation({
    summary: "The assignment engine's decision traces, as much as the caller may see",
    description:
      "Minimum necessary: an administrator reads every run whole (every partner of the programme, its rank, load or every reason it was ruled out); the referral's dispatcher, for each run, who got the referral and how many partners were ruled out for each reason, never who they were; a partner only the runs that offered the referral to it, its own entry and what became of each offer.",
  })
  @ApiResponse({
    status: 200,
    description:
      'Oldest run first. Administrator: `[{ id, referralId, decidedAt, result, partnerId, trace: [{ partnerId, name, eligible, reasons, rank?, serviceId?, agreementId?, openCases?, capacity? }] }]`. Dispatcher: `[{ decidedAt, result, partnerId, partnerName, eligiblePartners, ruledOutPartners, ruledOutByReason: { <reason>: count } }]` (partnerId and partnerName null for an unassignable run). Partner: `[{ attempt, decidedAt, result: "offered", serviceId, agreementId, openCases, capacity, offerStatus }]`, one per offer made to it.',
  })
  @ApiResponse({ status: 403, description: 'Auditors do not read referrals.' })
  @ApiResponse({
    status: 404,
    description:
      "REFERRAL_NOT_FOUND: absent, another agency's, or (for a partner) never offered to it.",
  })
  decisions(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<DecisionView[]> {
    return this.reads.decisions(caller, id);
  }
}
