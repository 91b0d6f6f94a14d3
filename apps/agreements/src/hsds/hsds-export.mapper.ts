import { EligibilityV1 } from '@concord/contracts';
import type { OrganizationServiceView, OrganizationView } from '../organizations/organization.view';
import { categoryTerm, directoryTerm, ORGANIZATION_TYPE_LABELS } from './concord.taxonomy';
import { hsdsSchedulesOf } from './hsds-schedule.mapper';
import type {
  HsdsAttribute,
  HsdsOrganization,
  HsdsOrganizationListItem,
  HsdsPage,
  HsdsService,
  HsdsServiceArea,
  HsdsServiceListItem,
  HsdsTaxonomyTerm,
} from './hsds.types';
import { stableUuid } from './stable-uuid';

/**
 * Concord's directory as HSDS 3.0 documents. Nothing here carries a timestamp (no
 * `last_modified`): another system that imports a document sets its own, and an export after an
 * import must give the same document back. `now` only fixes the schedules' UTC offsets.
 */

/** `GET /organizations/{id}?full_service=true`: services fully nested, without `organization`. */
export function hsdsOrganizationOf(organization: OrganizationView, now: Date): HsdsOrganization {
  return {
    ...hsdsOrganizationListItemOf(organization),
    attributes: [
      attributeOf(
        'organization',
        organization.id,
        directoryTerm('organization-type'),
        organization.type,
      ),
    ],
    services: organization.services.map((service) => fullServiceOf(organization, service, now)),
  };
}

/** An `/organizations` list item, and the organisation a service embeds: scalars only. */
export function hsdsOrganizationListItemOf(
  organization: OrganizationView,
): HsdsOrganizationListItem {
  const kind = ORGANIZATION_TYPE_LABELS[organization.type];
  return {
    id: organization.id,
    name: organization.name,
    // HSDS requires a description and Concord keeps none, so it says what Concord knows.
    description: `${organization.name} is a${/^[aeiou]/.test(kind) ? 'n' : ''} ${kind} taking part in Concord, which hands police calls to community partners.`,
  };
}

/** `GET /services/{id}`. */
export function hsdsServiceOf(
  organization: OrganizationView,
  service: OrganizationServiceView,
  now: Date,
): HsdsService {
  return {
    ...fullServiceOf(organization, service, now),
    organization: hsdsOrganizationListItemOf(organization),
  };
}

/** A `/services` list item: the service's scalars and its organisation's. */
export function hsdsServiceListItemOf(
  organization: OrganizationView,
  service: OrganizationServiceView,
): HsdsServiceListItem {
  return { ...serviceScalarsOf(service), organization: hsdsOrganizationListItemOf(organization) };
}

function serviceScalarsOf(service: OrganizationServiceView): HsdsServiceListItem {
  const { minAge, maxAge } = service.eligibility;
  return {
    id: service.id,
    name: service.name,
    // Concord keeps only the services that take referrals; a removed one is no longer listed.
    status: 'active',
    description: `${categoryTerm(service.category).name} referrals, up to ${service.capacity} open at once.`,
    eligibility_description: eligibilitySentence(service.eligibility),
    ...(typeof minAge === 'number' ? { minimum_age: minAge } : {}),
    ...(typeof maxAge === 'number' ? { maximum_age: maxAge } : {}),
  };
}

function fullServiceOf(
  organization: OrganizationView,
  service: OrganizationServiceView,
  now: Date,
): HsdsService {
  const link = (term: HsdsTaxonomyTerm, value?: string) =>
    attributeOf('service', service.id, term, value);
  return {
    ...serviceScalarsOf(service),
    schedules: hsdsSchedulesOf(service.id, service.hours, now),
    service_areas: [serviceAreaOf(organization, service)],
    service_at_locations: [],
    attributes: [
      link(categoryTerm(service.category)),
      link(directoryTerm('capacity'), String(service.capacity)),
      link(directoryTerm('time-zone'), service.hours.timeZone),
    ],
  };
}

function serviceAreaOf(
  organization: OrganizationView,
  service: OrganizationServiceView,
): HsdsServiceArea {
  return {
    id: stableUuid(service.id, 'service_area'),
    name: `Where ${organization.name} takes ${categoryTerm(service.category).name.toLowerCase()} referrals`,
    description: `A GeoJSON ${service.area.type} of longitude, latitude positions (WGS 84).`,
    extent: JSON.stringify(service.area),
    extent_type: 'geojson',
  };
}

function attributeOf(
  linkEntity: 'organization' | 'service',
  linkId: string,
  term: HsdsTaxonomyTerm,
  value?: string,
): HsdsAttribute {
  return {
    // The term decides the id: a record has at most one attribute of each Concord term.
    id: stableUuid(linkId, 'attribute', term.id),
    link_id: linkId,
    link_entity: linkEntity,
    taxonomy_term_id: term.id,
    ...(value === undefined ? {} : { value }),
    taxonomy_term: term,
  };
}

function eligibilitySentence({ minAge, maxAge }: EligibilityV1): string {
  const [from, to] = [typeof minAge === 'number', typeof maxAge === 'number'];
  if (from && to) return `For people aged ${minAge} to ${maxAge}.`;
  if (from) return `For people aged ${minAge} and over.`;
  if (to) return `For people aged up to ${maxAge}.`;
  return 'For people of any age.';
}

/** The paging header HSDS list routes answer with; pages count from 1. */
export function hsdsPageOf<T>(
  contents: T[],
  totalItems: number,
  pageNumber: number,
  perPage: number,
): HsdsPage<T> {
  if (!Number.isInteger(perPage) || perPage < 1) {
    throw new RangeError(`perPage must be a positive whole number, not ${perPage}`);
  }
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    throw new RangeError(`pageNumber must be a positive whole number, not ${pageNumber}`);
  }
  if (!Number.isInteger(totalItems) || totalItems < 0) {
    throw new RangeError(`totalItems must be a whole number, not ${totalItems}`);
  }
  const totalPages = Math.ceil(totalItems / perPage);
  return {
    total_items: totalItems,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}
