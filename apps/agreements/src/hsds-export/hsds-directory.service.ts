import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { notFound, unprocessable } from '@concord/platform';
import { Organization } from '../organizations/organization.entity';
import { OrganizationService } from '../organizations/organization-service.entity';
import { OrganizationView, toOrganizationView } from '../organizations/organization.view';
import {
  CATEGORY_TAXONOMY_ID,
  categoryOfTerm,
  conceptTaxonomies,
  taxonomyById,
  taxonomyTermById,
  taxonomyTerms,
} from '../hsds/concord.taxonomy';
import {
  hsdsOrganizationListItemOf,
  hsdsOrganizationOf,
  hsdsPageOf,
  hsdsServiceListItemOf,
  hsdsServiceOf,
} from '../hsds/hsds-export.mapper';
import {
  HsdsOrganization,
  HsdsOrganizationListItem,
  HsdsPage,
  HsdsService,
  HsdsServiceListItem,
  HsdsTaxonomy,
  HsdsTaxonomyTerm,
} from '../hsds/hsds.types';
import {
  DEFAULT_PER_PAGE,
  HsdsOrganizationsQuery,
  HsdsPageQuery,
  HsdsServicesQuery,
  HsdsTaxonomyTermsQuery,
} from './hsds-export.query.dto';

/** Police agencies hand calls over; the directory lists the partners that take them. */
const PARTNERS_ONLY = `o.type <> 'police-agency'`;

const pageOf = ({ page, per_page }: HsdsPageQuery) => {
  const size = per_page ?? DEFAULT_PER_PAGE;
  const number = page ?? 1;
  return { number, size, offset: (number - 1) * size };
};

const likePattern = (search: string): string => `%${search.replace(/[\\%_]/g, '\\$&')}%`;

/** A page of an in-memory list, for the taxonomies (a few dozen terms). */
function pageOfList<T extends { name: string }>(items: T[], query: HsdsPageQuery): HsdsPage<T> {
  const { number, size, offset } = pageOf(query);
  const search = query.search?.toLowerCase();
  const found = search ? items.filter(({ name }) => name.toLowerCase().includes(search)) : items;
  return hsdsPageOf(found.slice(offset, offset + size), found.length, number, size);
}

/**
 * Concord's partner directory in Open Referral HSDS 3.0's shapes (the API profile's GET routes):
 * organisations, services with their areas, schedules and category, and Concord's taxonomies.
 */
@Injectable()
export class HsdsDirectoryService {
  constructor(private readonly dataSource: DataSource) {}

  async organizations(
    query: HsdsOrganizationsQuery,
  ): Promise<HsdsPage<HsdsOrganizationListItem | HsdsOrganization>> {
    const { number, size, offset } = pageOf(query);
    const search = query.search ? likePattern(query.search) : null;
    const where = `${PARTNERS_ONLY} AND ($1::text IS NULL OR o.name ILIKE $1)`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM organizations o WHERE ${where}`,
      [search],
    )) as { total: number }[];
    const ids = (
      (await this.dataSource.query(
        `SELECT o.id FROM organizations o WHERE ${where} ORDER BY o.name, o.id LIMIT $2 OFFSET $3`,
        [search, size, offset],
      )) as { id: string }[]
    ).map(({ id }) => id);
    const views = await this.viewsOf(ids);
    const now = new Date();
    const contents = views.map((view) =>
      query.full_service ? hsdsOrganizationOf(view, now) : hsdsOrganizationListItemOf(view),
    );
    return hsdsPageOf(contents, total, number, size);
  }

  async organization(id: string): Promise<HsdsOrganization> {
    const [view] = await this.viewsOf([id]);
    if (!view || view.type === 'police-agency') {
      throw notFound('HSDS_ORGANIZATION_NOT_FOUND', `the directory has no organization ${id}`);
    }
    return hsdsOrganizationOf(view, new Date());
  }

  async services(query: HsdsServicesQuery): Promise<HsdsPage<HsdsServiceListItem | HsdsService>> {
    const { number, size, offset } = pageOf(query);
    const category = this.categoryFilterOf(query);
    if (category === null) return hsdsPageOf([], 0, number, size);
    const parameters = [
      query.search ? likePattern(query.search) : null,
      query.organization_id ?? null,
      category ?? null,
    ];
    const where = `${PARTNERS_ONLY}
      AND ($1::text IS NULL OR s.name ILIKE $1)
      AND ($2::uuid IS NULL OR s.organization_id = $2)
      AND ($3::text IS NULL OR s.category = $3)`;
    const from = `organization_services s JOIN organizations o ON o.id = s.organization_id`;
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${from} WHERE ${where}`,
      parameters,
    )) as { total: number }[];
    const rows = (await this.dataSource.query(
      `SELECT s.id, s.organization_id FROM ${from} WHERE ${where}
        ORDER BY o.name, o.id, s.position LIMIT $4 OFFSET $5`,
      [...parameters, size, offset],
    )) as { id: string; organization_id: string }[];
    const views = new Map(
      (await this.viewsOf([...new Set(rows.map((row) => row.organization_id))])).map((view) => [
        view.id,
        view,
      ]),
    );
    const now = new Date();
    const contents = rows.map(({ id, organization_id }) => {
      const view = views.get(organization_id) as OrganizationView;
      const service = view.services.find((candidate) => candidate.id === id);
      if (!service) throw new Error(`service ${id} left organization ${organization_id} meanwhile`);
      return query.full ? hsdsServiceOf(view, service, now) : hsdsServiceListItemOf(view, service);
    });
    return hsdsPageOf(contents, total, number, size);
  }

  async service(id: string): Promise<HsdsService> {
    const row = await this.dataSource.manager.findOneBy(OrganizationService, { id });
    const [view] = row ? await this.viewsOf([row.organizationId]) : [];
    const service = view?.services.find((candidate) => candidate.id === id);
    if (!view || !service || view.type === 'police-agency') {
      throw notFound('HSDS_SERVICE_NOT_FOUND', `the directory has no service ${id}`);
    }
    return hsdsServiceOf(view, service, new Date());
  }

  taxonomies(query: HsdsPageQuery): HsdsPage<HsdsTaxonomy> {
    return pageOfList(conceptTaxonomies(), query);
  }

  taxonomy(id: string): HsdsTaxonomy {
    const taxonomy = taxonomyById(id);
    if (!taxonomy) throw notFound('HSDS_TAXONOMY_NOT_FOUND', `the directory has no taxonomy ${id}`);
    return taxonomy;
  }

  taxonomyTerms(query: HsdsTaxonomyTermsQuery): HsdsPage<HsdsTaxonomyTerm> {
    const terms = taxonomyTerms().filter(
      (term) =>
        (query.taxonomy_id === undefined || term.taxonomy_id === query.taxonomy_id) &&
        (query.parent_id === undefined || term.parent_id === query.parent_id),
    );
    return pageOfList(terms, query);
  }

  taxonomyTerm(id: string): HsdsTaxonomyTerm {
    const term = taxonomyTermById(id);
    if (!term) {
      throw notFound('HSDS_TAXONOMY_TERM_NOT_FOUND', `the directory has no taxonomy term ${id}`);
    }
    return term;
  }

  /**
   * The category a services query filters on: undefined for none, null when the filter can match
   * nothing (a taxonomy other than the categories', a term of another taxonomy).
   */
  private categoryFilterOf(query: HsdsServicesQuery): string | null | undefined {
    if (query.taxonomy_id !== undefined && query.taxonomy_id !== CATEGORY_TAXONOMY_ID) {
      return taxonomyById(query.taxonomy_id) ? null : this.unknownTaxonomy(query.taxonomy_id);
    }
    if (query.taxonomy_term_id === undefined) return undefined;
    const term = taxonomyTermById(query.taxonomy_term_id);
    if (!term) {
      throw unprocessable(
        'HSDS_TAXONOMY_TERM_NOT_FOUND',
        `taxonomy_term_id: the directory has no taxonomy term ${query.taxonomy_term_id}`,
      );
    }
    return categoryOfTerm(term) ?? null;
  }

  private unknownTaxonomy(id: string): never {
    throw unprocessable(
      'HSDS_TAXONOMY_NOT_FOUND',
      `taxonomy_id: the directory has no taxonomy ${id}`,
    );
  }

  /** The organisations with their services, in the order of `ids`. */
  private async viewsOf(ids: string[]): Promise<OrganizationView[]> {
    if (ids.length === 0) return [];
    const manager = this.dataSource.manager;
    const [organizations, services] = await Promise.all([
      manager.findBy(Organization, { id: In(ids) }),
      manager.find(OrganizationService, {
        where: { organizationId: In(ids) },
        order: { position: 'ASC' },
      }),
    ]);
    const byId = new Map(organizations.map((organization) => [organization.id, organization]));
    return ids.flatMap((id) => {
      const organization = byId.get(id);
      return organization
        ? [
            toOrganizationView(
              organization,
              services.filter((s) => s.organizationId === id),
            ),
          ]
        : [];
    });
  }
}
