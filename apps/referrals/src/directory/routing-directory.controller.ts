import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import {
  AgencyIncidentTypesProjection,
  AgencyIncidentTypesView,
} from '../intake/agency-incident-types.projection';
import {
  RoutingAgreementView,
  RoutingBudgetView,
  RoutingPartnerView,
  RoutingView,
} from './routing-view.service';

/**
 * What routing knows (RoutingView), which may lag the agreements service by the time its event
 * takes. Lets an administrator see that a partner is (or is no longer) in routing.
 */
@ApiTags('routing')
@ApiBearerAuth()
@Roles('admin')
@Controller('routing')
export class RoutingDirectoryController {
  constructor(
    private readonly routing: RoutingView,
    private readonly incidentTypes: AgencyIncidentTypesProjection,
  ) {}

  @Get('partners/:id')
  @ApiOperation({ summary: 'A partner organisation as routing sees it' })
  @ApiResponse({ status: 404, description: 'ROUTING_PARTNER_UNKNOWN: no event about it yet.' })
  partner(@Param('id', uuidParam()) id: string): Promise<RoutingPartnerView> {
    return this.routing.partner(id);
  }

  @Get('budgets/:id')
  @ApiOperation({ summary: 'A budget as routing sees it' })
  @ApiResponse({ status: 404, description: 'ROUTING_BUDGET_UNKNOWN: no event about it yet.' })
  budget(@Param('id', uuidParam()) id: string): Promise<RoutingBudgetView> {
    return this.routing.budget(id);
  }

  @Get('agreements/:id')
  @ApiOperation({ summary: 'An agreement as routing sees it' })
  @ApiResponse({ status: 404, description: 'ROUTING_AGREEMENT_UNKNOWN: no event about it yet.' })
  agreement(@Param('id', uuidParam()) id: string): Promise<RoutingAgreementView> {
    return this.routing.agreement(id);
  }

  @Get('incident-types/:id')
  @ApiOperation({
    summary: "A police agency's incident-type mapping as EIDO intake sees it",
    description: 'Revision 0 and no types until organization.incident-types-mapped arrives.',
  })
  @ApiResponse({ status: 200, description: 'The mapping: revision and types.' })
  incidentTypeMapping(
    @Param('id', uuidParam()) agencyId: string,
  ): Promise<AgencyIncidentTypesView> {
    return this.incidentTypes.view(agencyId);
  }
}
