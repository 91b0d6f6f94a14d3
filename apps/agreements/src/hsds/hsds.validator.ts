import { fieldPath, isRecord, itemPath, JsonObject, quoted, UUID } from './hsds-json.util';
import { HSDS_DAY_CODES, HSDS_FREQUENCIES, HSDS_SERVICE_STATUSES } from './hsds.types';

/**
 * Checks a document against HSDS 3.0 as the standard states it: required fields, JSON types,
 * formats and enumerations, recursing into the nested objects it knows. HSDS writes dates and
 * times as plain strings with a Frictionless `datapackage_type` hint, which a JSON Schema
 * validator would not check; this does. Unknown members are allowed, as HSDS allows them.
 */

export const HSDS_KINDS = [
  'organization',
  'service',
  'service_area',
  'schedule',
  'attribute',
  'taxonomy',
  'taxonomy_term',
  'service_at_location',
  'page',
  'root',
] as const;
export type HsdsKind = (typeof HSDS_KINDS)[number];

export interface HsdsProblem {
  path: string;
  message: string;
}

type Format = 'uuid' | 'uri' | 'email' | 'date' | 'time' | 'date-time';

type Rule =
  | { type: 'string'; format?: Format; oneOf?: readonly string[] }
  | { type: 'number' | 'integer' | 'boolean' }
  | { type: 'object'; kind?: HsdsKind }
  /** An array whose items are of `kind`, or of kinds Concord does not check (phones, …). */
  | { type: 'array'; of?: HsdsKind };

interface KindSchema {
  required: readonly string[];
  fields: Readonly<Record<string, Rule>>;
  /** What one field's rule cannot say: rules between fields, or inside a field's text. */
  checks?: readonly ((value: JsonObject, path: string) => HsdsProblem[])[];
}

const text: Rule = { type: 'string' };
const uuid: Rule = { type: 'string', format: 'uuid' };
const uri: Rule = { type: 'string', format: 'uri' };
const email: Rule = { type: 'string', format: 'email' };
const date: Rule = { type: 'string', format: 'date' };
const time: Rule = { type: 'string', format: 'time' };
const number: Rule = { type: 'number' };
const integer: Rule = { type: 'integer' };
const boolean: Rule = { type: 'boolean' };
const list = (of?: HsdsKind): Rule => ({ type: 'array', of });
const object = (kind?: HsdsKind): Rule => ({ type: 'object', kind });
const oneOf = (values: readonly string[]): Rule => ({ type: 'string', oneOf: values });

/** Every HSDS object but taxonomy and taxonomy_term may carry these. */
const ANNOTATIONS = { attributes: list('attribute'), metadata: list() };

const SCHEMAS: Readonly<Record<HsdsKind, KindSchema>> = {
  organization: {
    required: ['id', 'name', 'description'],
    fields: {
      id: uuid,
      name: text,
      alternate_name: text,
      description: text,
      email,
      website: uri,
      tax_status: text,
      tax_id: text,
      year_incorporated: number,
      legal_status: text,
      logo: text,
      uri,
      parent_organization_id: uuid,
      funding: list(),
      contacts: list(),
      phones: list(),
      locations: list(),
      programs: list(),
      organization_identifiers: list(),
      // Not in the base table: GET /organizations/{id} nests the services.
      services: list('service'),
      ...ANNOTATIONS,
    },
  },
  service: {
    required: ['id', 'name', 'status'],
    fields: {
      id: uuid,
      organization_id: uuid,
      program_id: uuid,
      name: text,
      alternate_name: text,
      description: text,
      url: uri,
      email,
      status: oneOf(HSDS_SERVICE_STATUSES),
      interpretation_services: text,
      application_process: text,
      fees_description: text,
      wait_time: text,
      fees: text,
      accreditations: text,
      eligibility_description: text,
      minimum_age: number,
      maximum_age: number,
      assured_date: date,
      assurer_email: email,
      licenses: text,
      alert: text,
      last_modified: { type: 'string', format: 'date-time' },
      phones: list(),
      schedules: list('schedule'),
      service_areas: list('service_area'),
      service_at_locations: list('service_at_location'),
      languages: list(),
      organization: object('organization'),
      funding: list(),
      cost_options: list(),
      program: object(),
      required_documents: list(),
      contacts: list(),
      ...ANNOTATIONS,
    },
  },
  service_area: {
    required: ['id'],
    fields: {
      id: uuid,
      service_id: uuid,
      name: text,
      description: text,
      extent: text,
      extent_type: text,
      // The schema gives this uri no format.
      uri: text,
      ...ANNOTATIONS,
    },
  },
  schedule: {
    required: ['id'],
    fields: {
      id: uuid,
      service_id: uuid,
      location_id: uuid,
      service_at_location_id: uuid,
      valid_from: date,
      valid_to: date,
      dtstart: date,
      timezone: number,
      until: date,
      count: number,
      wkst: oneOf(HSDS_DAY_CODES),
      freq: oneOf(HSDS_FREQUENCIES),
      interval: number,
      byday: text,
      byweekno: text,
      bymonthday: text,
      byyearday: text,
      description: text,
      opens_at: time,
      closes_at: time,
      schedule_link: uri,
      attending_type: text,
      notes: text,
      ...ANNOTATIONS,
    },
    checks: [bydayProblems],
  },
  attribute: {
    required: ['id'],
    fields: {
      id: uuid,
      link_id: uuid,
      taxonomy_term_id: uuid,
      link_type: text,
      link_entity: text,
      value: text,
      taxonomy_term: object('taxonomy_term'),
      metadata: list(),
    },
  },
  taxonomy: {
    required: ['id', 'name', 'description'],
    fields: { id: uuid, name: text, description: text, uri, version: text, metadata: list() },
  },
  taxonomy_term: {
    required: ['id', 'name', 'description'],
    fields: {
      id: uuid,
      code: text,
      name: text,
      description: text,
      parent_id: uuid,
      taxonomy: text,
      taxonomy_detail: object('taxonomy'),
      language: text,
      taxonomy_id: uuid,
      term_uri: uri,
      metadata: list(),
    },
  },
  service_at_location: {
    required: ['id'],
    fields: {
      id: uuid,
      service_id: uuid,
      location_id: uuid,
      description: text,
      contacts: list(),
      phones: list(),
      schedules: list('schedule'),
      location: object(),
      ...ANNOTATIONS,
    },
  },
  // HSDS 3.0 marks no member of the paging header, nor of the root answer, as required.
  page: {
    required: [],
    fields: {
      total_items: integer,
      total_pages: integer,
      page_number: integer,
      size: integer,
      first_page: boolean,
      last_page: boolean,
      empty: boolean,
      contents: list(),
    },
  },
  root: { required: [], fields: { version: text, profile: uri, openapi_url: uri } },
};

/**
 * The problems of `value` as an HSDS `kind`, each at its path below `path`. A page's contents are
 * checked as `contentsKind` when it is given.
 */
export function hsdsProblemsOf(
  kind: HsdsKind,
  value: unknown,
  path = '',
  contentsKind?: HsdsKind,
): HsdsProblem[] {
  if (!isRecord(value)) return [{ path, message: `must be an HSDS ${kind} object` }];
  const schema = SCHEMAS[kind];
  const problems: HsdsProblem[] = [];
  for (const field of schema.required) {
    if (value[field] === undefined) {
      problems.push({ path: fieldPath(path, field), message: `is required in an HSDS ${kind}` });
    }
  }
  for (const [field, rule] of Object.entries(schema.fields)) {
    if (value[field] === undefined) continue;
    const ruled =
      kind === 'page' && field === 'contents' && contentsKind ? list(contentsKind) : rule;
    problems.push(...ruleProblems(ruled, value[field], fieldPath(path, field)));
  }
  for (const check of schema.checks ?? []) problems.push(...check(value, path));
  return problems;
}

function ruleProblems(rule: Rule, value: unknown, path: string): HsdsProblem[] {
  const problem = (message: string) => [{ path, message }];
  switch (rule.type) {
    case 'string':
      if (typeof value !== 'string') return problem(`must be a string, not ${quoted(value)}`);
      if (rule.format && !FORMATS[rule.format](value)) {
        return problem(`must be ${FORMAT_NAMES[rule.format]}, not ${quoted(value)}`);
      }
      if (rule.oneOf && !rule.oneOf.includes(value)) {
        return problem(`must be one of ${rule.oneOf.join(', ')}, not ${quoted(value)}`);
      }
      return [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? []
        : problem(`must be a number, not ${quoted(value)}`);
    case 'integer':
      return Number.isInteger(value) ? [] : problem(`must be an integer, not ${quoted(value)}`);
    case 'boolean':
      return typeof value === 'boolean'
        ? []
        : problem(`must be true or false, not ${quoted(value)}`);
    case 'object':
      if (!isRecord(value)) return problem(`must be an object, not ${quoted(value)}`);
      return rule.kind ? hsdsProblemsOf(rule.kind, value, path) : [];
    case 'array':
      if (!Array.isArray(value)) return problem(`must be an array, not ${quoted(value)}`);
      return value.flatMap((item: unknown, index) =>
        rule.of
          ? hsdsProblemsOf(rule.of, item, itemPath(path, index))
          : isRecord(item)
            ? []
            : [{ path: itemPath(path, index), message: 'must be an object' }],
      );
  }
}

const FORMAT_NAMES: Record<Format, string> = {
  uuid: 'a uuid',
  uri: 'an absolute URI',
  email: 'an email address',
  date: 'a date YYYY-MM-DD',
  time: 'a time HH:MM[:SS] with an optional Z or ±HH:MM offset',
  'date-time': 'a date-time YYYY-MM-DDTHH:MM:SS with a Z or ±HH:MM offset',
};

const isCalendarDate = (year: number, month: number, day: number): boolean => {
  const at = new Date(Date.UTC(year, month - 1, day));
  return at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day;
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = '([01]\\d|2[0-3]):[0-5]\\d';
const OFFSET = `(Z|[+-]${CLOCK})`;
const TIME = new RegExp(`^${CLOCK}(:[0-5]\\d(\\.\\d+)?)?${OFFSET}?$`);
const DATE_TIME = new RegExp(
  `^(\\d{4})-(\\d{2})-(\\d{2})T${CLOCK}:[0-5]\\d(\\.\\d+)?${OFFSET}$`,
  'i',
);
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

const calendar = (match: RegExpExecArray | null): boolean =>
  match !== null && isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));

const FORMATS: Record<Format, (value: string) => boolean> = {
  uuid: (value) => UUID.test(value),
  uri: (value) => URI.test(value),
  email: (value) => EMAIL.test(value),
  date: (value) => calendar(DATE.exec(value)),
  time: (value) => TIME.test(value),
  'date-time': (value) => calendar(DATE_TIME.exec(value)),
};

const DAY_CODE = new RegExp(`^([+-]?\\d{1,2})?(${HSDS_DAY_CODES.join('|')})$`);

/** `byday` is a comma-separated list of day codes; a week-of-month prefix only for MONTHLY. */
function bydayProblems(schedule: JsonObject, path: string): HsdsProblem[] {
  if (typeof schedule.byday !== 'string') return [];
  const at = fieldPath(path, 'byday');
  return schedule.byday.split(',').flatMap((code): HsdsProblem[] => {
    const match = DAY_CODE.exec(code);
    if (!match) {
      return [
        { path: at, message: `has ${quoted(code)}, not a day code (${HSDS_DAY_CODES.join(', ')})` },
      ];
    }
    if (match[1] !== undefined && schedule.freq !== 'MONTHLY') {
      return [
        { path: at, message: `has ${quoted(code)}: a week-of-month prefix needs freq MONTHLY` },
      ];
    }
    return [];
  });
}
