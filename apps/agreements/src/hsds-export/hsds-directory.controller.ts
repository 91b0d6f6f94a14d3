import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Request } from 'express';
import { Roles } from '@concord/auth';
import { uuidParam } from '@concord/platform';
import {
  HSDS_VERSION,
  HsdsOrganization,
  HsdsOrganizationListItem,
  HsdsPage,
  HsdsRoot,
  HsdsService,
  HsdsServiceListItem,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from '../hsds/hsds.types';
import { HsdsDirectoryService } from './hsds-directory.service';
import {
  HsdsOrganizationsQuery,
  HsdsPageQuery,
  HsdsServicesQuery,
  HsdsTaxonomyTermsQuery,
} from './hsds-export.query.dto';

const PAGE =
  'HSDS paging envelope: total_items, total_pages, page_number, size, first_page, last_page, empty and contents.';

/**
 * The partner directory as Open Referral HSDS 3.0 (its API profile's read routes, under /hsds).
 * Directory data, no personal data; administrators and auditors read it, e.g. to hand it to a 211.
 */
@ApiTags('hsds')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token.' })
@ApiResponse({ status: 403, description: 'Only administrators and auditors read the export.' })
@Controller('hsds')
@Roles('admin', 'auditor')
export class HsdsDirectoryController {
  constructor(private readonly directory: HsdsDirectoryService) {}

  @Get()
  @ApiOperation({ summary: 'Which HSDS version and profile this API follows' })
  @ApiResponse({ status: 200, description: '{ version: "3.0", profile, openapi_url }' })
  root(@Req() request: Request): HsdsRoot {
    const base = `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    return {
      version: HSDS_VERSION,
      profile: `${base}/hsds`,
      openapi_url: `${base}/openapi.json`,
    };
  }

  @Get('organizations')
  @ApiOperation({
    summary: 'The partner organisations (HSDS organization), a page at a time',
    description:
      'List items carry the organisation’s own fields; with full_service=true each carries its whole services, as GET /hsds/organizations/{id} does: the form POST /hsds/import takes.',
  })
  @ApiResponse({ status: 200, description: PAGE })
  organizations(
    @Query() query: HsdsOrganizationsQuery,
  ): Promise<HsdsPage<HsdsOrganizationListItem | HsdsOrganization>> {
    return this.directory.organizations(query);
  }

  @Get('organizations/:id')
  @ApiOperation({ summary: 'One organisation with its whole services' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'HSDS organization with services[].' })
  @ApiResponse({ status: 404, description: 'HSDS_ORGANIZATION_NOT_FOUND' })
  organization(@Param('id', uuidParam()) id: string): Promise<HsdsOrganization> {
    return this.directory.organization(id);
  }

  @Get('services')
  @ApiOperation({
    summary: 'The partners’ services (HSDS service), a page at a time',
    description:
      'Filters combine with AND: search (name), organization_id, taxonomy_id and taxonomy_term_id (a Concord category term). full=true gives whole services.',
  })
  @ApiResponse({ status: 200, description: PAGE })
  @ApiResponse({
    status: 422,
    description: 'HSDS_TAXONOMY_NOT_FOUND or HSDS_TAXONOMY_TERM_NOT_FOUND for a filter.',
  })
  services(
    @Query() query: HsdsServicesQuery,
  ): Promise<HsdsPage<HsdsServiceListItem | HsdsService>> {
    return this.directory.services(query);
  }

  @Get('services/:id')
  @ApiOperation({
    summary: 'One service: its organisation, schedules, service areas (GeoJSON) and attributes',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'HSDS service.' })
  @ApiResponse({ status: 404, description: 'HSDS_SERVICE_NOT_FOUND' })
  service(@Param('id', uuidParam()) id: string): Promise<HsdsService> {
    return this.directory.service(id);
  }

  @Get('taxonomies')
  @ApiOperation({
    summary: 'Concord’s published taxonomies: referral categories, directory properties',
  })
  @ApiResponse({ status: 200, description: PAGE })
  taxonomies(@Query() query: HsdsPageQuery): HsdsPage<HsdsTaxonomy> {
    return this.directory.taxonomies(query);
  }

  @Get('taxonomies/:id')
  @ApiOperation({ summary: 'One taxonomy' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'HSDS taxonomy.' })
  @ApiResponse({ status: 404, description: 'HSDS_TAXONOMY_NOT_FOUND' })
  taxonomy(@Param('id', uuidParam()) id: string): HsdsTaxonomy {
    return this.directory.taxonomy(id);
  }

  @Get('taxonomy_terms')
  @ApiOperation({
    summary: 'The terms of Concord’s taxonomies (one per category, one per property)',
  })
  @ApiResponse({ status: 200, description: PAGE })
  taxonomyTerms(@Query() query: HsdsTaxonomyTermsQuery): HsdsPage<HsdsTaxonomyTerm> {
    return this.directory.taxonomyTerms(query);
  }

  @Get('taxonomy_terms/:id')
  @ApiOperation({ summary: 'One taxonomy term' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, description: 'HSDS taxonomy_term.' })
  @ApiResponse({ status: 404, description: 'HSDS_TAXONOMY_TERM_NOT_FOUND' })
  taxonomyTerm(@Param('id', uuidParam()) id: string): HsdsTaxonomyTerm {
    return this.directory.taxonomyTerm(id);
  }
}
