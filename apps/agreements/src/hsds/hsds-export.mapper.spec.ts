import type { EligibilityV1 } from '@concord/contracts';
import type { OrganizationView } from '../organizations/organization.view';
import { categoryTerm, directoryTerm } from './concord.taxonomy';
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
  NORTHSIDE_YOUTH_HOUSE,
  RIVERBEND_CRISIS_CENTER,
} from './hsds-test-fixtures';
import { stableUuid } from './stable-uuid';

const NOW = HSDS_FIXTURE_NOW;
const [MOBILE_TEAM, DROP_IN] = RIVERBEND_CRISIS_CENTER.services;

/** Every `id` anywhere in a document, with where it is. */
function idsIn(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => idsIn(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]): [string, string][] =>
    key === 'id' && typeof child === 'string' ? [[path, child]] : idsIn(child, `${path}.${key}`),
  );
}

describe('hsdsOrganizationOf', () => {
  it('nests every service in full, without a back-reference to the organisation', () => {
    const document = hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, NOW);
    expect(document.services?.map((service) => service.id)).toEqual([MOBILE_TEAM.id, DROP_IN.id]);
    for (const service of document.services ?? []) {
      expect(service.organization).toBeUndefined();
      expect(service.schedules.length).toBeGreaterThan(0);
      expect(service.service_areas).toHaveLength(1);
      expect(service.attributes).toHaveLength(3);
    }
  });

  it('writes a description from the name and type, as HSDS requires one and Concord keeps none', () => {
    expect(hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, NOW).description).toBe(
      'Riverbend Crisis Center is a mental-health provider taking part in Concord, which hands police calls to community partners.',
    );
    expect(hsdsOrganizationOf(NORTHSIDE_YOUTH_HOUSE, NOW).description).toMatch(
      /^Northside Youth House is a youth organisation/,
    );
  });

  it('carries the Concord type in an organization-type attribute', () => {
    const term = directoryTerm('organization-type');
    expect(hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, NOW).attributes).toEqual([
      {
        id: stableUuid(RIVERBEND_CRISIS_CENTER.id, 'attribute', term.id),
        link_id: RIVERBEND_CRISIS_CENTER.id,
        link_entity: 'organization',
        taxonomy_term_id: term.id,
        value: 'mental-health-provider',
        taxonomy_term: term,
      },
    ]);
  });

  it('gives the same document on every export at the same time', () => {
    expect(hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, NOW)).toEqual(
      hsdsOrganizationOf(structuredClone(RIVERBEND_CRISIS_CENTER), new Date(NOW)),
    );
  });

  it('carries no timestamp, so that an import elsewhere and an export back match', () => {
    for (const organization of CONCORD_ORGANIZATIONS) {
      const text = JSON.stringify(hsdsOrganizationOf(organization, NOW));
      expect(text).not.toMatch(/last_modified|createdAt|updatedAt|revision/);
    }
  });

  it('gives every record in the document its own id, except the shared taxonomy terms', () => {
    for (const organization of CONCORD_ORGANIZATIONS) {
      const ids = idsIn(hsdsOrganizationOf(organization, NOW)).filter(
        ([path]) => !path.includes('taxonomy_term') && !path.includes('taxonomy_detail'),
      );
      expect(new Set(ids.map(([, id]) => id)).size).toBe(ids.length);
    }
  });
});

describe('hsdsOrganizationListItemOf', () => {
  it('has the organisation scalars only', () => {
    const item = hsdsOrganizationListItemOf(RIVERBEND_CRISIS_CENTER);
    expect(Object.keys(item).sort()).toEqual(['description', 'id', 'name']);
  });
});

describe('hsdsServiceOf', () => {
  const service = hsdsServiceOf(RIVERBEND_CRISIS_CENTER, DROP_IN, NOW);

  it("embeds the organisation's scalars", () => {
    expect(service.organization).toEqual(hsdsOrganizationListItemOf(RIVERBEND_CRISIS_CENTER));
  });

  it('is active: Concord lists only the services that take referrals', () => {
    expect(service.status).toBe('active');
  });

  it('carries the service area as GeoJSON text that parses back to the area', () => {
    expect(service.service_areas).toEqual([
      expect.objectContaining({
        id: stableUuid(DROP_IN.id, 'service_area'),
        extent_type: 'geojson',
      }),
    ]);
    expect(JSON.parse(service.service_areas[0].extent ?? '')).toEqual(DROP_IN.area);
  });

  it('carries the category, capacity and IANA time zone as attributes of Concord terms', () => {
    const expected = [
      [categoryTerm('substance-use'), undefined],
      [directoryTerm('capacity'), '30'],
      [directoryTerm('time-zone'), 'America/Chicago'],
    ] as const;
    expect(service.attributes).toEqual(
      expected.map(([term, value]) => ({
        id: stableUuid(DROP_IN.id, 'attribute', term.id),
        link_id: DROP_IN.id,
        link_entity: 'service',
        taxonomy_term_id: term.id,
        ...(value === undefined ? {} : { value }),
        taxonomy_term: term,
      })),
    );
  });

  it('has no locations: Concord serves an area, not a place', () => {
    expect(service.service_at_locations).toEqual([]);
  });

  it.each<[EligibilityV1, object, string]>([
    [{}, {}, 'For people of any age.'],
    [{ minAge: 18 }, { minimum_age: 18 }, 'For people aged 18 and over.'],
    [{ maxAge: 17 }, { maximum_age: 17 }, 'For people aged up to 17.'],
    [{ minAge: 0, maxAge: 12 }, { minimum_age: 0, maximum_age: 12 }, 'For people aged 0 to 12.'],
  ])(
    'writes the age limits %j as minimum_age, maximum_age and a sentence',
    (eligibility, ages, sentence) => {
      const exported = hsdsServiceOf(RIVERBEND_CRISIS_CENTER, { ...DROP_IN, eligibility }, NOW);
      expect(exported).toMatchObject({ ...ages, eligibility_description: sentence });
      if (!('minimum_age' in ages)) expect(exported).not.toHaveProperty('minimum_age');
      if (!('maximum_age' in ages)) expect(exported).not.toHaveProperty('maximum_age');
    },
  );

  it('matches the service as nested in its organisation, plus the organisation', () => {
    const nested = hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, NOW).services?.[1];
    expect(service).toEqual({
      ...nested,
      organization: hsdsOrganizationListItemOf(RIVERBEND_CRISIS_CENTER),
    });
  });
});

describe('hsdsServiceListItemOf', () => {
  it("has the service's scalars and its organisation's, and no arrays", () => {
    const item = hsdsServiceListItemOf(RIVERBEND_CRISIS_CENTER, DROP_IN);
    expect(Object.values(item).some(Array.isArray)).toBe(false);
    expect(item).toMatchObject({ id: DROP_IN.id, name: DROP_IN.name, minimum_age: 18 });
    expect(item.organization).toEqual(hsdsOrganizationListItemOf(RIVERBEND_CRISIS_CENTER));
  });
});

describe('hsdsPageOf', () => {
  it.each([
    // contents, total, page, per page → total_pages, first, last, empty
    [3, 3, 1, 10, 1, true, true, false],
    [10, 25, 1, 10, 3, true, false, false],
    [5, 25, 3, 10, 3, false, true, false],
    [0, 0, 1, 10, 0, true, true, true],
    [0, 5, 4, 10, 1, false, true, true],
  ])(
    'describes %i of %i items on page %i of %i per page in the paging header',
    (count, total, page, perPage, pages, first, last, empty) => {
      const contents = Array.from({ length: count }, (_, index) => index);
      expect(hsdsPageOf(contents, total, page, perPage)).toEqual({
        total_items: total,
        total_pages: pages,
        page_number: page,
        size: count,
        first_page: first,
        last_page: last,
        empty,
        contents,
      });
    },
  );

  it.each([
    [10, 0, 10],
    [10, 1, 0],
    [-1, 1, 10],
    [10, 1.5, 10],
  ])('refuses a total of %i, page %i or %i per page that cannot be', (total, page, perPage) => {
    expect(() => hsdsPageOf([], total, page, perPage)).toThrow(RangeError);
  });
});

describe('an organisation without services', () => {
  it('is exported with an empty services array', () => {
    const police: OrganizationView = CONCORD_ORGANIZATIONS[2];
    expect(hsdsOrganizationOf(police, NOW).services).toEqual([]);
  });
});
