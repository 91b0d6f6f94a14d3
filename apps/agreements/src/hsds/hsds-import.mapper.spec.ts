import { categoryTerm, directoryTerm } from './concord.taxonomy';
import { hsdsOrganizationOf } from './hsds-export.mapper';
import { concordOrganizationOf, HsdsImportOptions } from './hsds-import.mapper';
import {
  HSDS_FIXTURE_NOW,
  LAKESHORE_211_IMPORT_OPTIONS,
  LAKESHORE_211_IMPORTED,
  LAKESHORE_211_ORGANIZATION,
  LAKESHORE_211_REJECTED_SERVICE_IDS,
  LAKESHORE_211_TERMS,
  RIVERBEND_CRISIS_CENTER,
  squareAround,
} from './hsds-test-fixtures';

type Json = Record<string, unknown>;

/** Riverbend as Concord exports it, as plain JSON a test may change. */
const riverbend = (): Json & { services: Json[]; attributes: Json[] } =>
  JSON.parse(JSON.stringify(hsdsOrganizationOf(RIVERBEND_CRISIS_CENTER, HSDS_FIXTURE_NOW)));

/** Lakeshore's organisation with only its first service (the crisis line), as plain JSON. */
const lakeshoreCrisisLine = (): Json & { services: Json[] } => {
  const record = JSON.parse(JSON.stringify(LAKESHORE_211_ORGANIZATION));
  return { ...record, services: record.services.slice(0, 1) };
};

const fieldsOf = (outcome: ReturnType<typeof concordOrganizationOf>) =>
  outcome.rejected.flatMap((rejection) => rejection.problems.map((problem) => problem.field));

describe('concordOrganizationOf, on a 211 dataset with its own taxonomy', () => {
  const outcome = concordOrganizationOf(LAKESHORE_211_ORGANIZATION, LAKESHORE_211_IMPORT_OPTIONS);

  it('takes the services it can keep exactly, through the category mapping and the options', () => {
    expect(outcome.organization).toEqual(LAKESHORE_211_IMPORTED);
  });

  it('rejects the monthly group and the temporarily closed service, each with its reason', () => {
    expect(outcome.rejected).toEqual([
      {
        record: 'service',
        id: LAKESHORE_211_REJECTED_SERVICE_IDS[0],
        name: 'Grief Support Group',
        problems: [
          { field: 'services.3.schedules.0.freq', message: expect.stringContaining('weekly') },
          { field: 'services.3.schedules.0.byday', message: expect.stringContaining('2TU') },
        ],
      },
      {
        record: 'service',
        id: LAKESHORE_211_REJECTED_SERVICE_IDS[1],
        name: 'Tenant Mediation',
        problems: [
          { field: 'services.4.status', message: expect.stringContaining('active services only') },
        ],
      },
    ]);
  });

  it('says which codes it could not map, and that categoryMapping is the way', () => {
    const { categoryMapping: _none, ...withoutMapping } = LAKESHORE_211_IMPORT_OPTIONS;
    const [rejection] = concordOrganizationOf(lakeshoreCrisisLine(), withoutMapping).rejected;
    expect(rejection.problems).toEqual([
      {
        field: 'services.0.attributes',
        message: expect.stringMatching(
          /unknown category without a mapping.*RM-6400\.1500.*categoryMapping/,
        ),
      },
    ]);
  });

  it.each([
    ['defaultCapacity', 'capacity'],
    ['timeZone', 'time zone'],
  ] as const)(
    'asks for %s when the service carries no %s (HSDS 3.0 has no field for it)',
    (option, what) => {
      const options: HsdsImportOptions = { ...LAKESHORE_211_IMPORT_OPTIONS, [option]: undefined };
      const [rejection] = concordOrganizationOf(lakeshoreCrisisLine(), options).rejected;
      expect(rejection.problems).toEqual([
        {
          field: 'services.0.attributes',
          message: expect.stringMatching(new RegExp(`no ${what}.*${option}`)),
        },
      ]);
    },
  );

  it('maps a term by its id as well as by its code', () => {
    const options: HsdsImportOptions = {
      ...LAKESHORE_211_IMPORT_OPTIONS,
      categoryMapping: { [LAKESHORE_211_TERMS.crisisLine.id]: 'welfare-check' },
    };
    const outcome = concordOrganizationOf(lakeshoreCrisisLine(), options);
    expect(outcome.organization?.services[0].category).toBe('welfare-check');
  });

  it('lets the mapping decide over terms it does not cover, such as an audience term', () => {
    const record = lakeshoreCrisisLine();
    const [service] = record.services;
    service.attributes = [
      ...(service.attributes as Json[]),
      { id: '9d1f3b5c-7e8a-4b2c-8d4e-6f8a0b2c4d6e', taxonomy_term: LAKESHORE_211_TERMS.teens },
    ];
    const outcome = concordOrganizationOf(record, LAKESHORE_211_IMPORT_OPTIONS);
    expect(outcome.organization?.services[0].category).toBe('mental-health-crisis');
  });

  it('takes the organisation type from the organizationType option when no attribute gives it', () => {
    const { organizationType: _none, ...options } = LAKESHORE_211_IMPORT_OPTIONS;
    expect(concordOrganizationOf(lakeshoreCrisisLine(), options)).toEqual({
      rejected: [
        {
          record: 'organization',
          id: LAKESHORE_211_ORGANIZATION.id,
          name: LAKESHORE_211_ORGANIZATION.name,
          problems: [{ field: 'attributes', message: expect.stringContaining('organizationType') }],
        },
      ],
    });
  });
});

describe('concordOrganizationOf, on the organisation', () => {
  it.each<[string, (record: Json) => void, string]>([
    ['an id that is not a uuid', (record) => (record.id = 'org-17'), 'id'],
    ['no name', (record) => delete record.name, 'name'],
    ['an empty name', (record) => (record.name = ''), 'name'],
    ['a name over 200 characters', (record) => (record.name = 'x'.repeat(201)), 'name'],
    ['a NUL in the name', (record) => (record.name = 'A\u0000B'), 'name'],
    ['no type and no option', (record) => (record.attributes = []), 'attributes'],
    [
      'a type that Concord does not have',
      (record) => ((record.attributes as Json[])[0].value = 'church'),
      'attributes.0.value',
    ],
    ['attributes that are not an array', (record) => (record.attributes = {}), 'attributes'],
    ['services that are not an array', (record) => (record.services = {}), 'services'],
    [
      'more than 100 services',
      (record) => (record.services = Array.from({ length: 101 }, () => ({}))),
      'services',
    ],
  ])(
    'rejects an organisation with %s, with all its services, in one entry',
    (_case, change, field) => {
      const record = riverbend();
      change(record);
      const outcome = concordOrganizationOf(record, {});
      expect(outcome.organization).toBeUndefined();
      expect(outcome.rejected).toHaveLength(1);
      expect(outcome.rejected[0].record).toBe('organization');
      expect(fieldsOf(outcome)).toEqual([field]);
    },
  );

  it('rejects a record that is not an object', () => {
    expect(concordOrganizationOf('Riverbend', {})).toEqual({
      rejected: [
        { record: 'organization', problems: [{ field: '', message: expect.any(String) }] },
      ],
    });
  });

  it('takes an organisation without services', () => {
    const record: Json = riverbend();
    delete record.services;
    expect(concordOrganizationOf(record, {}).organization?.services).toEqual([]);
  });

  it.each([
    ['the Concord term id', { id: directoryTerm('organization-type').id }],
    ['the Concord code', { code: 'organization-type', name: 'Type', description: 'x' }],
  ])('reads the type from an organization-type attribute matched by %s', (_case, term) => {
    const record = riverbend();
    record.attributes = [{ id: record.id, taxonomy_term: term, value: 'housing' }];
    expect(concordOrganizationOf(record, {}).organization?.type).toBe('housing');
  });

  it('ignores a term coded organization-type that belongs to another taxonomy', () => {
    const record = riverbend();
    record.attributes = [
      {
        id: record.id,
        taxonomy_term: { code: 'organization-type', taxonomy_id: LAKESHORE_211_TERMS.teens.id },
        value: 'housing',
      },
    ];
    expect(
      concordOrganizationOf(record, { organizationType: 'advocacy-group' }).organization?.type,
    ).toBe('advocacy-group');
  });

  it('reads a term named only by taxonomy_term_id, as a flat document gives it', () => {
    const record = riverbend();
    record.attributes = [
      { id: record.id, taxonomy_term_id: directoryTerm('organization-type').id, value: 'housing' },
    ];
    expect(concordOrganizationOf(record, {}).organization?.type).toBe('housing');
  });
});

describe('concordOrganizationOf, on a service', () => {
  const polygon = (lon: number) => JSON.stringify(squareAround(lon, 41.9));
  const area = (extent: string, extent_type = 'geojson') => ({
    id: '9d1f3b5c-7e8a-4b2c-8d4e-6f8a0b2c4d6e',
    extent,
    extent_type,
  });
  const categoryAttribute = (category: 'youth' | 'homelessness') => ({
    id: '0f2a4c6e-8b9d-4e1f-a3b5-7c9d1e3f5a7b',
    taxonomy_term: categoryTerm(category),
  });
  const withoutAttribute = (service: Json, code: string) =>
    (service.attributes = (service.attributes as Json[]).filter(
      (attribute) => (attribute.taxonomy_term as Json).code !== code,
    ));

  it.each<[string, (service: Json) => void, string]>([
    ['an id that is not a uuid', (service) => (service.id = 'svc-1'), 'id'],
    ['no name', (service) => delete service.name, 'name'],
    ['a name over 200 characters', (service) => (service.name = 'é'.repeat(201)), 'name'],
    ['status inactive', (service) => (service.status = 'inactive'), 'status'],
    ['no status', (service) => delete service.status, 'status'],
    ['no category', (service) => withoutAttribute(service, 'mental-health-crisis'), 'attributes'],
    [
      'two categories',
      (service) => (service.attributes as Json[]).push(categoryAttribute('youth')),
      'attributes',
    ],
    ['attributes that are not an array', (service) => (service.attributes = 'x'), 'attributes'],
    ['no service areas', (service) => (service.service_areas = []), 'service_areas'],
    [
      'only a text service area',
      (service) => (service.service_areas = [area('Cedar County', 'text')]),
      'service_areas',
    ],
    [
      'a service area that is not JSON',
      (service) => (service.service_areas = [area('{not json')]),
      'service_areas.0.extent',
    ],
    [
      'a GeoJSON point',
      (service) => (service.service_areas = [area('{"type":"Point","coordinates":[0,0]}')]),
      'service_areas.0.extent',
    ],
    [
      'an open ring',
      (service) =>
        (service.service_areas = [
          area('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}'),
        ]),
      'service_areas.0.extent',
    ],
    [
      'one good and one bad GeoJSON area',
      (service) => (service.service_areas = [area(polygon(-87.6)), area('{}')]),
      'service_areas.1.extent',
    ],
    ['no capacity', (service) => withoutAttribute(service, 'capacity'), 'attributes'],
    [
      'a capacity of 0',
      (service) => ((service.attributes as Json[])[1].value = '0'),
      'attributes.1.value',
    ],
    [
      'a capacity over 100000',
      (service) => ((service.attributes as Json[])[1].value = '100001'),
      'attributes.1.value',
    ],
    ['no time zone', (service) => withoutAttribute(service, 'time-zone'), 'attributes'],
    [
      'a time zone that is not an IANA zone',
      (service) => ((service.attributes as Json[])[2].value = 'Central Time'),
      'attributes.2.value',
    ],
    ['no schedules', (service) => delete service.schedules, 'schedules'],
    ['a minimum age of -1', (service) => (service.minimum_age = -1), 'minimum_age'],
    ['a fractional age', (service) => (service.maximum_age = 17.5), 'maximum_age'],
    ['an age over 130', (service) => (service.maximum_age = 131), 'maximum_age'],
    [
      'a minimum age above the maximum',
      (service) => Object.assign(service, { minimum_age: 18, maximum_age: 12 }),
      'minimum_age',
    ],
  ])('rejects only the service with %s, naming the field', (_case, change, field) => {
    const record = riverbend();
    change(record.services[0]);
    const outcome = concordOrganizationOf(record, {});
    expect(outcome.organization?.services.map((service) => service.id)).toEqual([
      RIVERBEND_CRISIS_CENTER.services[1].id,
    ]);
    expect(outcome.rejected).toEqual([
      expect.objectContaining({ record: 'service', problems: expect.any(Array) }),
    ]);
    expect(fieldsOf(outcome)).toEqual([`services.0.${field}`]);
  });

  it('rejects a second service with the id of the first, whether or not the first is taken', () => {
    const record = riverbend();
    record.services[1].id = record.services[0].id;
    expect(fieldsOf(concordOrganizationOf(record, {}))).toEqual(['services.1.id']);
    record.services[0].status = 'defunct';
    expect(fieldsOf(concordOrganizationOf(record, {}))).toEqual([
      'services.0.status',
      'services.1.id',
    ]);
  });

  it('joins several GeoJSON areas into one MultiPolygon', () => {
    const record = riverbend();
    record.services[1].service_areas = [area(polygon(-87.6)), area(polygon(-87.5))];
    expect(concordOrganizationOf(record, {}).organization?.services[1].area).toEqual({
      type: 'MultiPolygon',
      coordinates: [squareAround(-87.6, 41.9).coordinates, squareAround(-87.5, 41.9).coordinates],
    });
  });

  it('keeps only the geometry of a GeoJSON area, whatever other members it has', () => {
    const record = riverbend();
    const geometry = { ...squareAround(-87.6, 41.9), bbox: [-87.6, 41.9, -87.55, 41.95] };
    record.services[1].service_areas = [area(JSON.stringify(geometry), 'GEOJSON')];
    expect(concordOrganizationOf(record, {}).organization?.services[1].area).toEqual(
      squareAround(-87.6, 41.9),
    );
  });

  it('takes null optional fields as absent', () => {
    const record = riverbend();
    Object.assign(record.services[1], { minimum_age: null, maximum_age: null });
    expect(concordOrganizationOf(record, {}).organization?.services[1].eligibility).toEqual({});
  });

  it('prefers the attribute to the option for capacity and time zone', () => {
    const outcome = concordOrganizationOf(riverbend(), { defaultCapacity: 1, timeZone: 'UTC' });
    expect(outcome.organization?.services[1]).toMatchObject({
      capacity: 30,
      hours: { timeZone: 'America/Chicago' },
    });
  });

  it('refuses options Concord cannot hold, on the service that needs them', () => {
    const record = riverbend();
    withoutAttribute(record.services[0], 'capacity');
    withoutAttribute(record.services[0], 'time-zone');
    const outcome = concordOrganizationOf(record, { defaultCapacity: 0, timeZone: 'Mars/Base' });
    expect(outcome.rejected[0].problems.map((problem) => problem.message)).toEqual([
      expect.stringContaining('defaultCapacity'),
      expect.stringContaining('timeZone'),
    ]);
  });
});
