import {
  EligibilityV1,
  isServiceArea,
  OpeningHoursV1,
  ORGANIZATION_TYPES,
  OrganizationType,
  REFERRAL_CATEGORIES,
  ReferralCategory,
  ServiceArea,
} from '@concord/contracts';
import {
  categoryOfTerm,
  concordTermOf,
  DirectoryProperty,
  directoryPropertyOfTerm,
} from './concord.taxonomy';
import {
  fieldPath,
  isIanaTimeZone,
  isRecord,
  isUuid,
  itemPath,
  JsonObject,
  quoted,
} from './hsds-json.util';
import { openingHoursOf } from './hsds-schedule.mapper';

/**
 * An HSDS 3.0 organisation (as `GET /organizations/{id}?full_service=true` gives it) as a Concord
 * organisation. Concord keeps the HSDS ids as its own, so exporting what was imported gives the
 * same ids back. What Concord cannot keep exactly is a problem, never a silent guess: the data
 * decides where police calls go.
 */

export interface HsdsImportOptions {
  /** An outside taxonomy's term codes (or term ids) and the Concord category each stands for. */
  categoryMapping?: Record<string, ReferralCategory>;
  /** For services without a Concord `capacity` attribute: HSDS 3.0 has no capacity field. */
  defaultCapacity?: number;
  /** An IANA zone for services without a Concord `time-zone` attribute. */
  timeZone?: string;
  /** For an organisation without a Concord `organization-type` attribute. */
  organizationType?: OrganizationType;
}

export interface HsdsRecordProblem {
  /** The path inside the organisation record, e.g. `services.2.service_areas`. */
  field: string;
  message: string;
}

export interface ImportedService {
  id: string;
  name: string;
  category: ReferralCategory;
  area: ServiceArea;
  capacity: number;
  hours: OpeningHoursV1;
  eligibility: EligibilityV1;
}

export interface ImportedOrganization {
  id: string;
  name: string;
  type: OrganizationType;
  services: ImportedService[];
}

export interface HsdsRecordRejection {
  record: 'organization' | 'service';
  id?: string;
  name?: string;
  problems: HsdsRecordProblem[];
}

export interface HsdsImportOutcome {
  /** Absent when the organisation itself is rejected, with all its services. */
  organization?: ImportedOrganization;
  rejected: HsdsRecordRejection[];
}

/** Concord's own limits (SaveOrganizationRequest, OrganizationServiceRequest, EligibilityV1). */
const MAX_NAME_LENGTH = 200;
const MAX_SERVICES = 100;
const MAX_CAPACITY = 100_000;
const MAX_AGE = 130;

export function concordOrganizationOf(
  record: unknown,
  options: HsdsImportOptions = {},
): HsdsImportOutcome {
  if (!isRecord(record)) {
    return {
      rejected: [
        {
          record: 'organization',
          problems: [{ field: '', message: 'must be an HSDS organization object' }],
        },
      ],
    };
  }
  const problems = new Problems();
  const id = idOf(record.id, 'id', problems);
  const name = nameOf(record.name, 'name', problems);
  const type = organizationTypeOf(record, options, problems);
  const services: unknown[] = Array.isArray(record.services) ? record.services : [];
  if (
    record.services !== undefined &&
    record.services !== null &&
    !Array.isArray(record.services)
  ) {
    problems.add('services', 'must be an array of services');
  } else if (services.length > MAX_SERVICES) {
    problems.add(
      'services',
      `has ${services.length} services; a Concord organisation has at most ${MAX_SERVICES}`,
    );
  }
  if (!problems.empty || id === undefined || name === undefined || type === undefined) {
    return {
      rejected: [{ record: 'organization', ...identityOf(record), problems: problems.list }],
    };
  }

  const imported: ImportedService[] = [];
  const rejected: HsdsRecordRejection[] = [];
  const seen = new Set<string>();
  services.forEach((service, index) => {
    const path = itemPath('services', index);
    const serviceProblems = new Problems();
    const read = serviceOf(service, path, options, serviceProblems);
    const identity = isRecord(service) ? identityOf(service) : {};
    if (identity.id !== undefined) {
      // Concord keeps HSDS ids as its own: two services with one id would be one service.
      if (seen.has(identity.id)) {
        serviceProblems.add(fieldPath(path, 'id'), 'repeats the id of an earlier service');
      }
      seen.add(identity.id);
    }
    if (read && serviceProblems.empty) {
      imported.push(read);
    } else {
      rejected.push({ record: 'service', ...identity, problems: serviceProblems.list });
    }
  });
  return { organization: { id, name, type, services: imported }, rejected };
}

class Problems {
  readonly list: HsdsRecordProblem[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}

function identityOf(record: JsonObject): { id?: string; name?: string } {
  return {
    ...(typeof record.id === 'string' ? { id: record.id } : {}),
    ...(typeof record.name === 'string' ? { name: record.name } : {}),
  };
}

function idOf(value: unknown, field: string, problems: Problems): string | undefined {
  if (isUuid(value)) return value;
  problems.add(
    field,
    `must be a uuid (Concord keeps the HSDS id as its own), not ${quoted(value)}`,
  );
  return undefined;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function nameOf(value: unknown, field: string, problems: Problems): string | undefined {
  if (typeof value !== 'string' || value === '') {
    problems.add(field, `must be a non-empty text, not ${quoted(value)}`);
  } else if ([...value].length > MAX_NAME_LENGTH) {
    problems.add(field, `is longer than Concord's ${MAX_NAME_LENGTH} characters`);
  } else if (value.includes('\u0000') || UNPAIRED_SURROGATE.test(value)) {
    // PostgreSQL cannot store these, though they are valid JSON.
    problems.add(field, 'must not contain NUL characters or unpaired surrogates');
  } else {
    return value;
  }
  return undefined;
}

interface AttributeRead {
  path: string;
  /** The Concord property the attribute's term stands for, if any. */
  property?: DirectoryProperty;
  category?: ReferralCategory;
  term: JsonObject;
  value: unknown;
}

/** Undefined, with a problem, when the attributes are not an array: nothing can be read then. */
function attributesOf(
  record: JsonObject,
  path: string,
  problems: Problems,
): AttributeRead[] | undefined {
  const attributes = record.attributes ?? [];
  const at = fieldPath(path, 'attributes');
  if (!Array.isArray(attributes)) {
    problems.add(at, 'must be an array of attributes');
    return undefined;
  }
  return attributes.flatMap((attribute: unknown, index): AttributeRead[] => {
    if (!isRecord(attribute)) {
      problems.add(itemPath(at, index), 'must be an attribute object');
      return [];
    }
    // A flat document names the term only by taxonomy_term_id.
    const embedded = isRecord(attribute.taxonomy_term) ? attribute.taxonomy_term : {};
    const term = { id: attribute.taxonomy_term_id, ...embedded };
    const concord = concordTermOf(term);
    return [
      {
        path: itemPath(at, index),
        property: concord && directoryPropertyOfTerm(concord),
        category: concord && categoryOfTerm(concord),
        term,
        value: attribute.value,
      },
    ];
  });
}

/** The one value a record's attributes give a Concord property; `found` even when it is invalid. */
function propertyOf<T>(
  attributes: readonly AttributeRead[],
  property: DirectoryProperty,
  read: (value: unknown) => T | undefined,
  expected: string,
  problems: Problems,
): { found: boolean; value?: T } {
  const values = new Map<string, T>();
  for (const attribute of attributes.filter((each) => each.property === property)) {
    const value = read(attribute.value);
    if (value === undefined) {
      problems.add(
        fieldPath(attribute.path, 'value'),
        `must be ${expected} for the Concord ${property} attribute, not ${quoted(attribute.value)}`,
      );
    } else {
      values.set(String(value), value);
    }
  }
  if (values.size > 1) {
    problems.add(
      attributes.find((each) => each.property === property)?.path ?? 'attributes',
      `gives ${property} more than one value (${[...values.keys()].join(', ')})`,
    );
  }
  const [value] = values.values();
  return { found: attributes.some((each) => each.property === property), value };
}

/** An import takes partners; a police agency is registered over POST /organizations. */
const PARTNER_TYPES = ORGANIZATION_TYPES.filter((type) => type !== 'police-agency');

const organizationTypeOfValue = (value: unknown): OrganizationType | undefined =>
  PARTNER_TYPES.find((type) => type === value);

function organizationTypeOf(
  record: JsonObject,
  options: HsdsImportOptions,
  problems: Problems,
): OrganizationType | undefined {
  const attributes = attributesOf(record, '', problems);
  if (attributes === undefined) return undefined;
  const expected = `one of ${PARTNER_TYPES.join(', ')} (an import takes partners; a police agency is registered with POST /organizations)`;
  const { found, value } = propertyOf(
    attributes,
    'organization-type',
    organizationTypeOfValue,
    expected,
    problems,
  );
  if (found) return value;
  if (options.organizationType === undefined) {
    problems.add(
      'attributes',
      'gives no organisation type: add a Concord organization-type attribute, or set the organizationType option',
    );
    return undefined;
  }
  const type = organizationTypeOfValue(options.organizationType);
  if (type === undefined) {
    problems.add('attributes', `the organizationType option must be ${expected}`);
  }
  return type;
}

function serviceOf(
  service: unknown,
  path: string,
  options: HsdsImportOptions,
  problems: Problems,
): ImportedService | undefined {
  if (!isRecord(service)) {
    problems.add(path, 'must be an HSDS service object');
    return undefined;
  }
  const at = (field: string) => fieldPath(path, field);
  const id = idOf(service.id, at('id'), problems);
  const name = nameOf(service.name, at('name'), problems);
  if (service.status !== 'active') {
    problems.add(
      at('status'),
      `is ${quoted(service.status)}: Concord hands referrals to active services only`,
    );
  }
  const attributes = attributesOf(service, path, problems);
  const fromAttributes = <T>(
    read: (
      attributes: readonly AttributeRead[],
      path: string,
      options: HsdsImportOptions,
      problems: Problems,
    ) => T | undefined,
  ) => attributes && read(attributes, at('attributes'), options, problems);
  const category = fromAttributes(categoryOf);
  const area = areaOf(service.service_areas, at('service_areas'), problems);
  const capacity = fromAttributes(capacityOf);
  const timeZone = fromAttributes(timeZoneOf);
  // Without a zone the rows are still read, so that all their problems are reported at once.
  const { hours, problems: hourProblems } = openingHoursOf(
    service.schedules,
    timeZone ?? 'UTC',
    at('schedules'),
    timeZone !== undefined,
  );
  hourProblems.forEach(({ field, message }) => problems.add(field, message));
  const eligibility = eligibilityOf(service, path, problems);
  if (
    !problems.empty ||
    id === undefined ||
    name === undefined ||
    category === undefined ||
    area === undefined ||
    capacity === undefined ||
    timeZone === undefined ||
    hours === undefined ||
    eligibility === undefined
  ) {
    return undefined;
  }
  return { id, name, category, area, capacity, hours, eligibility };
}

/**
 * An operator's mapping comes first (it says what the publisher's codes mean here); otherwise
 * the attribute must be a Concord category term.
 */
function categoryOf(
  attributes: readonly AttributeRead[],
  path: string,
  options: HsdsImportOptions,
  problems: Problems,
): ReferralCategory | undefined {
  const mapping = options.categoryMapping ?? {};
  const categories = new Set<ReferralCategory>();
  const unknownCodes: string[] = [];
  for (const attribute of attributes) {
    if (attribute.property) continue;
    const { code, id, name } = attribute.term;
    const key = [code, id].find(
      (candidate): candidate is string =>
        typeof candidate === 'string' && Object.hasOwn(mapping, candidate),
    );
    if (key !== undefined) {
      const mapped = REFERRAL_CATEGORIES.find((category) => category === mapping[key]);
      if (mapped) categories.add(mapped);
      else
        problems.add(
          path,
          `categoryMapping maps ${quoted(key)} to ${quoted(mapping[key])}, which is not a Concord category`,
        );
    } else if (attribute.category) {
      categories.add(attribute.category);
    } else {
      const shown = [code, name, id].find((each) => typeof each === 'string');
      unknownCodes.push(shown === undefined ? '(a term without code)' : String(shown));
    }
  }
  if (categories.size > 1) {
    problems.add(
      path,
      `stand for several categories (${[...categories].join(', ')}); a Concord service has exactly one`,
    );
    return undefined;
  }
  const [category] = categories;
  if (category === undefined) {
    problems.add(
      path,
      unknownCodes.length > 0
        ? `give an unknown category without a mapping: the terms ${unknownCodes.map((code) => quoted(code)).join(', ')} are not Concord referral categories and not keys of the categoryMapping option`
        : 'give no category: add a Concord referral-category attribute, or a term the categoryMapping option maps',
    );
  }
  return category;
}

const capacityOfValue = (value: unknown): number | undefined => {
  const number =
    typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 1
    ? number <= MAX_CAPACITY
      ? number
      : undefined
    : undefined;
};

function capacityOf(
  attributes: readonly AttributeRead[],
  path: string,
  options: HsdsImportOptions,
  problems: Problems,
): number | undefined {
  const expected = `a whole number from 1 to ${MAX_CAPACITY}`;
  const { found, value } = propertyOf(attributes, 'capacity', capacityOfValue, expected, problems);
  if (found) return value;
  if (options.defaultCapacity === undefined) {
    problems.add(
      path,
      'give no capacity, and HSDS 3.0 has no field for it: add a Concord capacity attribute, or set the defaultCapacity option',
    );
    return undefined;
  }
  const capacity = capacityOfValue(options.defaultCapacity);
  if (capacity === undefined) problems.add(path, `the defaultCapacity option must be ${expected}`);
  return capacity;
}

function timeZoneOf(
  attributes: readonly AttributeRead[],
  path: string,
  options: HsdsImportOptions,
  problems: Problems,
): string | undefined {
  const expected = 'an IANA time zone such as America/Chicago';
  const zoneOf = (value: unknown) => (isIanaTimeZone(value) ? value : undefined);
  const { found, value } = propertyOf(attributes, 'time-zone', zoneOf, expected, problems);
  if (found) return value;
  if (options.timeZone === undefined) {
    problems.add(
      path,
      "give no time zone for the opening hours (HSDS's schedules carry only a UTC offset, which changes with daylight saving): add a Concord time-zone attribute, or set the timeZone option",
    );
    return undefined;
  }
  const zone = zoneOf(options.timeZone);
  if (zone === undefined) problems.add(path, `the timeZone option must be ${expected}`);
  return zone;
}

function areaOf(serviceAreas: unknown, path: string, problems: Problems): ServiceArea | undefined {
  if (serviceAreas !== undefined && serviceAreas !== null && !Array.isArray(serviceAreas)) {
    problems.add(path, 'must be an array of service areas');
    return undefined;
  }
  const geometries: ServiceArea[] = [];
  const otherKinds: string[] = [];
  let failed = false;
  (serviceAreas ?? []).forEach((entry: unknown, index) => {
    const at = itemPath(path, index);
    if (!isRecord(entry)) {
      problems.add(at, 'must be a service area object');
      failed = true;
      return;
    }
    const kind = typeof entry.extent_type === 'string' ? entry.extent_type : undefined;
    if (kind?.toLowerCase() !== 'geojson') {
      otherKinds.push(kind ?? 'no extent_type');
      return;
    }
    const read = geometriesOfExtent(entry.extent);
    if (typeof read === 'string') {
      problems.add(fieldPath(at, 'extent'), read);
      failed = true;
    } else {
      geometries.push(...read);
    }
  });
  if (failed) return undefined;
  if (geometries.length === 0) {
    problems.add(
      path,
      `has no GeoJSON service area (extent_type geojson)${otherKinds.length > 0 ? `, only ${otherKinds.join(', ')}` : ''}: Concord routes a referral by where it happens`,
    );
    return undefined;
  }
  const area: ServiceArea =
    geometries.length === 1
      ? geometries[0]
      : {
          type: 'MultiPolygon',
          coordinates: geometries.flatMap((geometry) =>
            geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates,
          ),
        };
  if (!isServiceArea(area)) {
    problems.add(path, 'together hold more than the 50,000 positions a Concord area may have');
    return undefined;
  }
  return area;
}

const AREA_SHAPE =
  'a GeoJSON Polygon or MultiPolygon (or a Feature or FeatureCollection of them) with closed rings of at least 4 [longitude, latitude] positions';

/** The geometries in a GeoJSON text, or why there are none Concord can use. */
function geometriesOfExtent(extent: unknown): ServiceArea[] | string {
  if (typeof extent !== 'string') return `must be GeoJSON text, not ${quoted(extent)}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(extent);
  } catch {
    return `is not GeoJSON (not JSON at all): ${quoted(extent)}`;
  }
  const geometries = geometriesOf(parsed);
  return geometries ?? `must be ${AREA_SHAPE}`;
}

function geometriesOf(value: unknown): ServiceArea[] | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'Polygon':
    case 'MultiPolygon': {
      // Only type and coordinates: a bbox or crs member is not part of Concord's area.
      const geometry = { type: value.type, coordinates: value.coordinates };
      return isServiceArea(geometry) ? [geometry] : undefined;
    }
    case 'Feature':
      return geometriesOf(value.geometry);
    case 'FeatureCollection': {
      if (!Array.isArray(value.features) || value.features.length === 0) return undefined;
      const each = value.features.map((feature: unknown) =>
        isRecord(feature) && feature.type === 'Feature'
          ? geometriesOf(feature.geometry)
          : undefined,
      );
      return each.every((geometries) => geometries !== undefined) ? each.flat() : undefined;
    }
    default:
      return undefined;
  }
}

function ageOf(value: unknown, field: string, problems: Problems): number | null | undefined {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_AGE) {
    return value;
  }
  problems.add(field, `must be a whole number of years from 0 to ${MAX_AGE}, not ${quoted(value)}`);
  return undefined;
}

function eligibilityOf(
  service: JsonObject,
  path: string,
  problems: Problems,
): EligibilityV1 | undefined {
  const minAge = ageOf(service.minimum_age, fieldPath(path, 'minimum_age'), problems);
  const maxAge = ageOf(service.maximum_age, fieldPath(path, 'maximum_age'), problems);
  if (minAge === undefined || maxAge === undefined) return undefined;
  if (minAge !== null && maxAge !== null && minAge > maxAge) {
    problems.add(fieldPath(path, 'minimum_age'), `is ${minAge}, above the maximum_age ${maxAge}`);
    return undefined;
  }
  return {
    ...(minAge === null ? {} : { minAge }),
    ...(maxAge === null ? {} : { maxAge }),
  };
}
