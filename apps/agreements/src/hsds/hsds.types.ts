/**
 * The Open Referral HSDS 3.0 objects that Concord writes and reads, with HSDS's own snake_case
 * field names so that a document serialises as the standard spells it. Only the fields Concord
 * uses, plus the optional scalars a publisher commonly sends, are typed; HSDS has more (phones,
 * contacts, locations, funding, …) which Concord neither emits nor needs on import.
 */

export const HSDS_VERSION = '3.0';

export const HSDS_SERVICE_STATUSES = [
  'active',
  'inactive',
  'defunct',
  'temporarily closed',
] as const;
export type HsdsServiceStatus = (typeof HSDS_SERVICE_STATUSES)[number];

/** iCalendar's two-letter day codes, Monday first as Concord's week is. */
export const HSDS_DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type HsdsDayCode = (typeof HSDS_DAY_CODES)[number];

export const HSDS_FREQUENCIES = ['WEEKLY', 'MONTHLY'] as const;
export type HsdsFrequency = (typeof HSDS_FREQUENCIES)[number];

export interface HsdsTaxonomy {
  id: string;
  name: string;
  description: string;
  uri?: string;
  version?: string;
}

export interface HsdsTaxonomyTerm {
  id: string;
  name: string;
  description: string;
  /** Unique within its taxonomy: `code` with `taxonomy_id` names the term. */
  code?: string;
  parent_id?: string;
  /** Free text or a URI naming the taxonomy, for publishers without taxonomy records. */
  taxonomy?: string;
  taxonomy_detail?: HsdsTaxonomy;
  language?: string;
  taxonomy_id?: string;
  term_uri?: string;
}

/** A taxonomy term applied to a record, optionally with a value (e.g. capacity = "25"). */
export interface HsdsAttribute {
  id: string;
  link_id?: string;
  link_type?: string;
  /** The table `link_id` points into, e.g. `service`. */
  link_entity?: string;
  taxonomy_term_id?: string;
  value?: string;
  taxonomy_term?: HsdsTaxonomyTerm;
}

export interface HsdsServiceArea {
  id: string;
  service_id?: string;
  name?: string;
  description?: string;
  /** The area's shape serialised as text, in the notation `extent_type` names. */
  extent?: string;
  /** `geojson`, `topojson`, `kml` or `text` by the spec's description (no enum). */
  extent_type?: string;
  uri?: string;
  attributes?: HsdsAttribute[];
}

/** One opening window repeated by an iCalendar-like rule. */
export interface HsdsSchedule {
  id: string;
  service_id?: string;
  location_id?: string;
  service_at_location_id?: string;
  valid_from?: string;
  valid_to?: string;
  dtstart?: string;
  /** The UTC offset in hours that the times are in; a number, not an IANA name. */
  timezone?: number;
  until?: string;
  count?: number;
  wkst?: HsdsDayCode;
  freq?: HsdsFrequency;
  interval?: number;
  /** Comma-separated day codes, e.g. `MO,TU,WE`. */
  byday?: string;
  byweekno?: string;
  bymonthday?: string;
  byyearday?: string;
  description?: string;
  opens_at?: string;
  closes_at?: string;
  schedule_link?: string;
  attending_type?: string;
  notes?: string;
  attributes?: HsdsAttribute[];
}

export interface HsdsServiceAtLocation {
  id: string;
  service_id?: string;
  location_id?: string;
  description?: string;
  schedules?: HsdsSchedule[];
  attributes?: HsdsAttribute[];
}

/** An organisation's one-to-one fields: a list item, and what a service embeds. */
export interface HsdsOrganizationListItem {
  id: string;
  name: string;
  description: string;
  alternate_name?: string;
  email?: string;
  website?: string;
  year_incorporated?: number;
  legal_status?: string;
  logo?: string;
  uri?: string;
  parent_organization_id?: string;
}

/** A service's one-to-one fields plus its organisation's: a `/services` list item. */
export interface HsdsServiceListItem {
  id: string;
  name: string;
  status: HsdsServiceStatus;
  organization_id?: string;
  program_id?: string;
  alternate_name?: string;
  description?: string;
  url?: string;
  email?: string;
  interpretation_services?: string;
  application_process?: string;
  fees_description?: string;
  accreditations?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: string;
  assurer_email?: string;
  alert?: string;
  last_modified?: string;
  organization?: HsdsOrganizationListItem;
}

/** `GET /services/{id}`; inside an organisation's `services[]` it has no `organization`. */
export interface HsdsService extends HsdsServiceListItem {
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  service_at_locations: HsdsServiceAtLocation[];
  attributes: HsdsAttribute[];
}

/** `GET /organizations/{id}?full_service=true`. */
export interface HsdsOrganization extends HsdsOrganizationListItem {
  attributes: HsdsAttribute[];
  services?: HsdsService[];
}

/** A list route's answer: the paging header and one page of records. */
export interface HsdsPage<T> {
  total_items: number;
  total_pages: number;
  /** Counted from 1. */
  page_number: number;
  /** The number of records on this page. */
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

/** `GET /`: which HSDS version and profile the API follows. */
export interface HsdsRoot {
  version: typeof HSDS_VERSION;
  profile: string;
  openapi_url: string;
}
