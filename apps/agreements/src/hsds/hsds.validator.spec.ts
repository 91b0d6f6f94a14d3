import { conceptTaxonomies, taxonomyTerms } from './concord.taxonomy';
import {
  hsdsOrganizationListItemOf,
  hsdsOrganizationOf,
  hsdsPageOf,
  hsdsServiceListItemOf,
  hsdsServiceOf,
} from './hsds-export.mapper';
import {
  CONCORD_ORGANIZATIONS,
  HSDS_FIXTURE_NOW,
  LAKESHORE_211_ORGANIZATION,
  RIVERBEND_CRISIS_CENTER,
} from './hsds-test-fixtures';
import type { HsdsRoot } from './hsds.types';
import { HsdsKind, hsdsProblemsOf } from './hsds.validator';

const NOW = HSDS_FIXTURE_NOW;
const ROOT: HsdsRoot = {
  version: '3.0',
  profile: 'https://concord.example.org/hsds/profile',
  openapi_url: 'https://concord.example.org/hsds/openapi.json',
};

/** A valid example of each kind, as plain JSON a test may change. */
function validExample(kind: HsdsKind): unknown {
  const organization = hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, NOW);
  const service = hsdsServiceOf(RIVERBEND_CRISIS_CENTER, RIVERBEND_CRISIS_CENTER.services[1], NOW);
  const examples: Record<HsdsKind, unknown> = {
    organization,
    service,
    service_area: service.service_areas[0],
    schedule: service.schedules[0],
    attribute: service.attributes[0],
    taxonomy: conceptTaxonomies()[0],
    taxonomy_term: taxonomyTerms()[0],
    service_at_location: { id: '0c2e4a6b-8d9f-4b1c-a3e5-7f9b1d3e5a7c' },
    page: hsdsPageOf([hsdsOrganizationListItemOf(RIVERBEND_CRISIS_CENTER)], 1, 1, 10),
    root: ROOT,
  };
  return JSON.parse(JSON.stringify(examples[kind]));
}

/** Walks `services.0.schedules.1.byday` down to the holder of its last step. */
function holderOf(document: unknown, path: string): [Record<string, unknown>, string] {
  const steps = path.match(/[^.[\]]+/g) ?? [];
  const last = steps.pop() as string;
  const holder = steps.reduce<unknown>(
    (value, step) => (value as Record<string, unknown>)[step],
    document,
  );
  return [holder as Record<string, unknown>, last];
}
const withDeleted = (document: unknown, path: string) => {
  const [holder, last] = holderOf(document, path);
  delete holder[last];
  return document;
};
const withValue = (document: unknown, path: string, value: unknown) => {
  const [holder, last] = holderOf(document, path);
  holder[last] = value;
  return document;
};

describe('hsdsProblemsOf, on what Concord exports', () => {
  it.each(CONCORD_ORGANIZATIONS.map((each) => [each.name, each] as const))(
    'finds nothing wrong with any document the export gives for %s',
    (_name, organization) => {
      const documents: [HsdsKind, unknown, HsdsKind?][] = [
        ['organization', hsdsOrganizationOf(organization, NOW)],
        ['organization', hsdsOrganizationListItemOf(organization)],
        ['page', hsdsPageOf([hsdsOrganizationOf(organization, NOW)], 1, 1, 10), 'organization'],
        ...organization.services.flatMap((service): [HsdsKind, unknown, HsdsKind?][] => [
          ['service', hsdsServiceOf(organization, service, NOW)],
          ['service', hsdsServiceListItemOf(organization, service)],
          ['page', hsdsPageOf([hsdsServiceListItemOf(organization, service)], 1, 1, 1), 'service'],
        ]),
      ];
      for (const [kind, document, contentsKind] of documents) {
        expect(
          hsdsProblemsOf(kind, JSON.parse(JSON.stringify(document)), '', contentsKind),
        ).toEqual([]);
      }
    },
  );

  it('finds nothing wrong with the published taxonomies, their terms and the root answer', () => {
    expect(
      hsdsProblemsOf('page', hsdsPageOf(conceptTaxonomies(), 2, 1, 10), '', 'taxonomy'),
    ).toEqual([]);
    const terms = taxonomyTerms();
    expect(
      hsdsProblemsOf('page', hsdsPageOf(terms, terms.length, 1, 50), '', 'taxonomy_term'),
    ).toEqual([]);
    expect(hsdsProblemsOf('root', ROOT)).toEqual([]);
  });

  it('finds nothing wrong with the fictional 211 dataset', () => {
    expect(hsdsProblemsOf('organization', LAKESHORE_211_ORGANIZATION)).toEqual([]);
  });
});

describe('hsdsProblemsOf, on a required field left out', () => {
  it.each<[HsdsKind, string]>([
    ['organization', 'id'],
    ['organization', 'name'],
    ['organization', 'description'],
    ['organization', 'services.0.id'],
    ['organization', 'services.0.name'],
    ['organization', 'services.0.status'],
    ['organization', 'services.0.schedules.0.id'],
    ['organization', 'services.1.service_areas.0.id'],
    ['organization', 'services.1.attributes.0.id'],
    ['organization', 'services.1.attributes.0.taxonomy_term.name'],
    ['organization', 'services.1.attributes.0.taxonomy_term.description'],
    ['organization', 'services.1.attributes.0.taxonomy_term.taxonomy_detail.description'],
    ['organization', 'attributes.0.id'],
    ['service', 'organization.description'],
    ['service', 'service_areas.0.id'],
    ['service_area', 'id'],
    ['schedule', 'id'],
    ['attribute', 'id'],
    ['taxonomy', 'id'],
    ['taxonomy', 'name'],
    ['taxonomy', 'description'],
    ['taxonomy_term', 'id'],
    ['taxonomy_term', 'name'],
    ['taxonomy_term', 'description'],
    ['service_at_location', 'id'],
  ])('reports a %s without %s at that path', (kind, path) => {
    expect(hsdsProblemsOf(kind, withDeleted(validExample(kind), path))).toEqual([
      { path, message: expect.stringContaining('required') },
    ]);
  });

  it('reports it below the path it is given', () => {
    expect(
      hsdsProblemsOf('schedule', withDeleted(validExample('schedule'), 'id'), 'rows.3'),
    ).toEqual([{ path: 'rows.3.id', message: expect.any(String) }]);
  });

  it('finds nothing required in a page or the root answer, as HSDS 3.0 marks nothing there', () => {
    expect(hsdsProblemsOf('page', {})).toEqual([]);
    expect(hsdsProblemsOf('root', {})).toEqual([]);
  });
});

describe('hsdsProblemsOf, on a broken format, enumeration or type', () => {
  it.each<[HsdsKind, string, unknown]>([
    ['organization', 'id', 'org-1'],
    ['organization', 'email', 'info at example.org'],
    ['organization', 'website', 'www.example.org'],
    ['organization', 'uri', 'not a uri'],
    ['organization', 'parent_organization_id', '1234'],
    ['organization', 'year_incorporated', '1987'],
    ['organization', 'name', null],
    ['organization', 'services', {}],
    ['organization', 'services.0', 'service'],
    ['organization', 'services.0.status', 'open'],
    ['organization', 'services.0.schedules.0.freq', 'DAILY'],
    ['organization', 'services.1.schedules.0.byday', 'MO,XY'],
    ['service', 'status', 'Active'],
    ['service', 'url', '/relative/path'],
    ['service', 'email', '@example.org'],
    ['service', 'assurer_email', 'nobody'],
    ['service', 'assured_date', '2026-02-30'],
    ['service', 'assured_date', '30/01/2026'],
    ['service', 'last_modified', '2026-01-01 10:00:00'],
    ['service', 'last_modified', '2026-01-01T10:00:00'],
    ['service', 'minimum_age', '18'],
    ['service', 'organization', 'Riverbend'],
    ['service', 'organization.id', 'riverbend'],
    ['service', 'attributes.0.taxonomy_term.id', 'youth'],
    ['service', 'attributes.0.taxonomy_term.taxonomy_detail.id', 'categories'],
    ['service', 'service_at_locations', 'none'],
    ['service_area', 'service_id', 'svc'],
    ['service_area', 'extent', { type: 'Polygon' }],
    ['schedule', 'freq', 'weekly'],
    ['schedule', 'wkst', 'MON'],
    ['schedule', 'byday', 'MO,TUE'],
    ['schedule', 'byday', '1MO'],
    ['schedule', 'byday', 'MO, TU'],
    ['schedule', 'opens_at', '9:00'],
    ['schedule', 'opens_at', '24:00'],
    ['schedule', 'closes_at', '17:00 CST'],
    ['schedule', 'valid_from', '2026-13-01'],
    ['schedule', 'valid_to', '20261231'],
    ['schedule', 'until', 'tomorrow'],
    ['schedule', 'dtstart', '2026-1-5'],
    ['schedule', 'timezone', '-5'],
    ['schedule', 'interval', '2'],
    ['schedule', 'count', true],
    ['schedule', 'schedule_link', 'book here'],
    ['attribute', 'link_id', 'service-1'],
    ['attribute', 'taxonomy_term_id', 17],
    ['attribute', 'value', 30],
    ['attribute', 'taxonomy_term', 'youth'],
    ['taxonomy', 'uri', 'concord categories'],
    ['taxonomy_term', 'term_uri', 'youth'],
    ['taxonomy_term', 'parent_id', 'root'],
    ['taxonomy_term', 'taxonomy_id', 'categories'],
    ['page', 'total_items', 1.5],
    ['page', 'first_page', 'yes'],
    ['page', 'contents', 'none'],
    ['page', 'contents.0', 7],
    ['root', 'profile', 'profile'],
    ['root', 'openapi_url', 42],
    ['root', 'version', 3],
  ])('reports a %s whose %s is %j at that path', (kind, path, value) => {
    expect(hsdsProblemsOf(kind, withValue(validExample(kind), path, value))).toEqual([
      { path, message: expect.stringMatching(/^must|^has/) },
    ]);
  });

  it.each<[string, unknown]>([
    ['opens_at', '09:00:00'],
    ['opens_at', '09:00-05:00'],
    ['opens_at', '09:00:00.000Z'],
    ['byday', '2TU,-1FR'],
    ['valid_from', '2024-02-29'],
  ])('accepts a schedule whose %s is %j, as HSDS allows it', (path, value) => {
    const schedule = withValue(validExample('schedule'), path, value);
    withValue(schedule, 'freq', 'MONTHLY');
    expect(hsdsProblemsOf('schedule', schedule)).toEqual([]);
  });

  it('checks the items of a page as the kind it is told', () => {
    const page = withValue(validExample('page'), 'contents.0.id', 'riverbend');
    expect(hsdsProblemsOf('page', page)).toEqual([]);
    expect(hsdsProblemsOf('page', page, '', 'organization')).toEqual([
      { path: 'contents.0.id', message: expect.stringContaining('uuid') },
    ]);
  });

  it('reports a value that is not an object at the path it is given', () => {
    expect(hsdsProblemsOf('service', [], 'services.4')).toEqual([
      { path: 'services.4', message: 'must be an HSDS service object' },
    ]);
  });
});
