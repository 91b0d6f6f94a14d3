import type { MultiPolygonArea, PolygonArea, ReferralCategory } from '@concord/contracts';
import type { OrganizationView } from '../organizations/organization.view';
import type { HsdsImportOptions, ImportedOrganization } from './hsds-import.mapper';
import type { HsdsOrganization, HsdsTaxonomy, HsdsTaxonomyTerm } from './hsds.types';

/**
 * Shared example data for the HSDS unit and integration tests (no test framework here): Concord
 * organisations to export, and an organisation as a fictional 211 publishes it, whose AIRS-like
 * taxonomy codes need a category mapping. Every name, id and shape is made up.
 */

/** Summer in the northern hemisphere: Chicago is at UTC-5 and St. John's at UTC-2.5. */
export const HSDS_FIXTURE_NOW = new Date('2026-07-01T12:00:00Z');

/** A closed square ring of `size` degrees whose south-west corner is at (lon, lat). */
export function squareAround(lon: number, lat: number, size = 0.05): PolygonArea {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

const TWO_DISTRICTS: MultiPolygonArea = {
  type: 'MultiPolygon',
  coordinates: [squareAround(-87.7, 41.85).coordinates, squareAround(-87.6, 41.9).coordinates],
};

/** A crisis provider with an around-the-clock team and a drop-in that stays open until midnight. */
export const RIVERBEND_CRISIS_CENTER: OrganizationView = {
  id: '5fcd492d-43ba-4a5f-bf46-c2cef9827a40',
  name: 'Riverbend Crisis Center',
  type: 'mental-health-provider',
  revision: 3,
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-11-20T15:30:00.000Z',
  services: [
    {
      id: '3890ffac-e114-4ceb-8c57-12ce914a5ca9',
      name: 'Mobile crisis team',
      category: 'mental-health-crisis',
      area: TWO_DISTRICTS,
      capacity: 12,
      hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
      eligibility: {},
    },
    {
      id: '879de39c-8473-4609-aa46-23e4590bb89f',
      name: 'Recovery drop-in',
      category: 'substance-use',
      area: squareAround(-87.68, 41.87, 0.08),
      capacity: 30,
      hours: {
        alwaysOpen: false,
        timeZone: 'America/Chicago',
        weekly: [
          { day: 'mon', opens: '09:00', closes: '17:00' },
          { day: 'tue', opens: '09:00', closes: '17:00' },
          { day: 'wed', opens: '09:00', closes: '17:00' },
          { day: 'thu', opens: '09:00', closes: '17:00' },
          { day: 'fri', opens: '09:00', closes: '17:00' },
          { day: 'fri', opens: '18:00', closes: '24:00' },
          { day: 'sat', opens: '10:00', closes: '24:00' },
        ],
      },
      eligibility: { minAge: 18 },
    },
  ],
};

/** A youth shelter in a half-hour time zone, with overnight and split opening periods. */
export const NORTHSIDE_YOUTH_HOUSE: OrganizationView = {
  id: 'd889a54b-ab7c-4d39-9a0b-881323faa1e7',
  name: 'Northside Youth House',
  type: 'youth-organization',
  revision: 1,
  createdAt: '2026-09-12T08:00:00.000Z',
  updatedAt: '2026-09-12T08:00:00.000Z',
  services: [
    {
      id: '1d548492-cb96-4781-8fa0-a0c211ae2805',
      name: 'Night shelter for young people',
      category: 'youth',
      area: squareAround(-52.8, 47.5, 0.1),
      capacity: 8,
      hours: {
        alwaysOpen: false,
        timeZone: 'America/St_Johns',
        weekly: [
          { day: 'mon', opens: '15:00', closes: '19:00' },
          { day: 'mon', opens: '21:00', closes: '07:00' },
          { day: 'wed', opens: '15:00', closes: '19:00' },
          { day: 'wed', opens: '21:00', closes: '07:00' },
          { day: 'fri', opens: '15:00', closes: '19:00' },
          { day: 'sun', opens: '21:00', closes: '07:00' },
        ],
      },
      eligibility: { minAge: 12, maxAge: 17 },
    },
    {
      id: 'a9228823-cffd-4de9-95ad-1d7ee3d3b3b2',
      name: 'Family mediation for teenagers',
      category: 'neighbourhood-dispute',
      area: squareAround(-52.75, 47.52),
      capacity: 100_000,
      hours: {
        alwaysOpen: false,
        timeZone: 'America/St_Johns',
        weekly: [{ day: 'sat', opens: '00:00', closes: '24:00' }],
      },
      eligibility: { maxAge: 19 },
    },
  ],
};

/** The police side hands calls over and has no services of its own. */
export const MAPLE_GROVE_POLICE: OrganizationView = {
  id: 'c814ea06-3877-4f6a-8824-d97d72bddcad',
  name: 'Maple Grove Police Department',
  type: 'police-agency',
  revision: 1,
  createdAt: '2026-09-01T08:00:00.000Z',
  updatedAt: '2026-09-01T08:00:00.000Z',
  services: [],
};

export const CONCORD_ORGANIZATIONS: readonly OrganizationView[] = [
  RIVERBEND_CRISIS_CENTER,
  NORTHSIDE_YOUTH_HOUSE,
  MAPLE_GROVE_POLICE,
];

// ---------------------------------------------------------------------------------------------
// Lakeshore 211: a fictional information-and-referral line publishing HSDS 3.0.

export const LAKESHORE_211_TAXONOMY: HsdsTaxonomy = {
  id: '61f8d9de-ce6e-488b-80ee-5a805d14cd76',
  name: 'Lakeshore 211 service taxonomy',
  description: 'The service codes Lakeshore 211 files its directory under, in the AIRS style.',
  version: '2026.2',
};

const lakeshoreTerm = (id: string, code: string, name: string): HsdsTaxonomyTerm => ({
  id,
  code,
  name,
  description: `Lakeshore 211 code ${code}: ${name}.`,
  taxonomy_id: LAKESHORE_211_TAXONOMY.id,
  taxonomy_detail: LAKESHORE_211_TAXONOMY,
});

export const LAKESHORE_211_TERMS = {
  crisisLine: lakeshoreTerm('69a55026-49c9-4dab-bbfa-50d2adf10bb8', 'RM-6400.1500', 'Crisis lines'),
  shelter: lakeshoreTerm('582bd489-9946-49cc-9f1f-552b484dd83a', 'BN-1800.8000', 'Shelter intake'),
  dropIn: lakeshoreTerm('db1ed1e5-78d8-4370-9f8e-007e0b349dcb', 'YT-1000.2500', 'Youth drop-in'),
  teens: lakeshoreTerm('8fc7107d-444a-4a2d-9b28-9a440f519ae5', 'YZ-8600.0700', 'Teenagers'),
  grief: lakeshoreTerm('54dc69b7-f455-46bf-9c1b-877255242639', 'RM-3300.2600', 'Grief support'),
  mediation: lakeshoreTerm('785d589b-ac3f-4d78-8e9f-3aebb7530cc5', 'FT-5000.5500', 'Mediation'),
};

/** What the operator says Lakeshore's codes mean in Concord; `YZ-8600.0700` is an audience. */
export const LAKESHORE_211_CATEGORY_MAPPING: Record<string, ReferralCategory> = {
  'RM-6400.1500': 'mental-health-crisis',
  'BN-1800.8000': 'homelessness',
  'YT-1000.2500': 'youth',
  'RM-3300.2600': 'mental-health-crisis',
  'FT-5000.5500': 'neighbourhood-dispute',
};

export const LAKESHORE_211_IMPORT_OPTIONS: HsdsImportOptions = {
  categoryMapping: LAKESHORE_211_CATEGORY_MAPPING,
  defaultCapacity: 20,
  timeZone: 'America/Chicago',
  organizationType: 'mental-health-provider',
};

const LAKESHORE_ORGANIZATION_ID = '95e92d6a-aa2b-472d-b76e-e093fc28ab0a';

const classify = (serviceId: string, attributeId: string, term: HsdsTaxonomyTerm) => ({
  id: attributeId,
  link_id: serviceId,
  link_entity: 'service',
  link_type: 'service_type',
  taxonomy_term_id: term.id,
  taxonomy_term: term,
});

const CRISIS_LINE_AREA = squareAround(-88.0, 42.0, 0.3);
const SHELTER_AREAS = [squareAround(-88.0, 42.0, 0.1), squareAround(-87.8, 42.1, 0.1)];
const DROP_IN_AREA = squareAround(-87.95, 42.05, 0.05);

/**
 * `GET /organizations/{id}?full_service=true` from Lakeshore 211. Three services import; a monthly
 * support group and a temporarily closed one do not.
 */
export const LAKESHORE_211_ORGANIZATION: HsdsOrganization = {
  id: LAKESHORE_ORGANIZATION_ID,
  name: 'Cedar Hollow Community Services',
  description: 'A community agency serving Cedar County with crisis, shelter and youth programs.',
  email: 'info@cedarhollow.example.org',
  website: 'https://cedarhollow.example.org',
  year_incorporated: 1987,
  attributes: [],
  services: [
    {
      id: '5223b353-d736-47eb-8553-338f65b54609',
      name: 'Cedar Hollow Crisis Line',
      status: 'active',
      description: 'Phone and text support for anyone in emotional crisis.',
      last_modified: '2026-11-30T16:04:12.000Z',
      schedules: [
        {
          id: 'e0b57cb6-07c2-49ee-a114-34ce5f8e39c5',
          freq: 'WEEKLY',
          byday: 'MO,TU,WE,TH,FR,SA,SU',
          opens_at: '00:00:00',
          closes_at: '23:59:00',
          timezone: -5,
          description: 'Open 24 hours.',
        },
      ],
      service_areas: [
        {
          id: '3f205283-80e9-4b4f-93ea-3519da39b338',
          name: 'Cedar County',
          extent: 'Cedar County',
          extent_type: 'text',
        },
        {
          id: '06957fa2-facc-453e-b2e5-8afea915be9d',
          name: 'Cedar County boundary',
          extent: JSON.stringify({
            type: 'Feature',
            properties: { name: 'Cedar County' },
            geometry: CRISIS_LINE_AREA,
          }),
          extent_type: 'GeoJSON',
        },
      ],
      service_at_locations: [],
      attributes: [
        classify(
          '5223b353-d736-47eb-8553-338f65b54609',
          '04fd9a3a-3f62-416b-af3b-5b10f0139738',
          LAKESHORE_211_TERMS.crisisLine,
        ),
      ],
    },
    {
      id: 'f3f5bb5c-6399-49cb-96a4-3123b69840a2',
      name: 'Family Shelter Intake',
      status: 'active',
      eligibility_description: 'Adults with or without children.',
      minimum_age: 18,
      schedules: [
        {
          id: 'e9bb7347-3ae7-4b24-87bb-43a658479845',
          freq: 'WEEKLY',
          interval: 1,
          byday: 'MO,TU,WE,TH,FR',
          opens_at: '08:30-05:00',
          closes_at: '12:00-05:00',
          timezone: -5,
        },
        {
          id: '8c8a0c05-0c9d-4180-9eb3-0a14e9613bef',
          freq: 'WEEKLY',
          byday: 'MO,TU,WE,TH,FR',
          opens_at: '13:00-05:00',
          closes_at: '16:30-05:00',
          timezone: -5,
        },
        {
          id: '2e6736b5-a1bf-4a9a-9c59-ee300fcedefa',
          byday: 'SA',
          opens_at: '09:00',
          closes_at: '23:59',
          timezone: -5,
        },
      ],
      service_areas: [
        {
          id: 'ada7b148-649a-44d5-ba6f-fa2b91eb813e',
          extent: JSON.stringify({
            type: 'FeatureCollection',
            features: SHELTER_AREAS.map((geometry, index) => ({
              type: 'Feature',
              properties: { district: index + 1 },
              geometry,
            })),
          }),
          extent_type: 'geojson',
        },
      ],
      service_at_locations: [],
      attributes: [
        classify(
          'f3f5bb5c-6399-49cb-96a4-3123b69840a2',
          '7b2b3f9a-6c55-410b-ab70-1d695587e5fe',
          LAKESHORE_211_TERMS.shelter,
        ),
      ],
    },
    {
      id: '08161862-4371-4f38-9aaf-458a9d9fab20',
      name: 'Teen Drop-In Center',
      status: 'active',
      minimum_age: 13,
      maximum_age: 19,
      schedules: [
        {
          id: '47f60130-ed8a-46cd-b36e-a296a0b7bf96',
          freq: 'WEEKLY',
          byday: 'TU,TH',
          opens_at: '15:00',
          closes_at: '19:00',
        },
      ],
      service_areas: [
        {
          id: 'effd4ba7-9c1d-4a14-95b6-6f7a5b606ab4',
          extent: JSON.stringify(DROP_IN_AREA),
          extent_type: 'geojson',
        },
      ],
      service_at_locations: [],
      attributes: [
        classify(
          '08161862-4371-4f38-9aaf-458a9d9fab20',
          'b8763664-ec27-4cd9-a578-6b716c581eca',
          LAKESHORE_211_TERMS.dropIn,
        ),
        classify(
          '08161862-4371-4f38-9aaf-458a9d9fab20',
          '0e1b5e0c-7a2f-4f7e-9a57-1c2f3d4b5a61',
          LAKESHORE_211_TERMS.teens,
        ),
      ],
    },
    {
      id: '2a4f6c1e-8b3d-4e59-a7c2-9d0e1f2a3b4c',
      name: 'Grief Support Group',
      status: 'active',
      schedules: [
        {
          id: '3c5e7a9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d',
          freq: 'MONTHLY',
          byday: '2TU',
          opens_at: '18:00',
          closes_at: '19:30',
        },
      ],
      service_areas: [
        {
          id: '4d6f8b0c-2e3a-4b7c-9d1e-3f5a7b9c1d2e',
          extent: JSON.stringify(DROP_IN_AREA),
          extent_type: 'geojson',
        },
      ],
      service_at_locations: [],
      attributes: [
        classify(
          '2a4f6c1e-8b3d-4e59-a7c2-9d0e1f2a3b4c',
          '5e7a9c1d-3f4b-4c8d-8e2f-4a6b8c0d2e3f',
          LAKESHORE_211_TERMS.grief,
        ),
      ],
    },
    {
      id: '6f8b0d2e-4a5c-4d9e-b1f3-5b7c9d1e3f4a',
      name: 'Tenant Mediation',
      status: 'temporarily closed',
      schedules: [
        {
          id: '7a9c1e3f-5b6d-4e0f-82a4-6c8d0e2f4a5b',
          freq: 'WEEKLY',
          byday: 'WE',
          opens_at: '10:00',
          closes_at: '14:00',
        },
      ],
      service_areas: [
        {
          id: '8b0d2f4a-6c7e-4f1a-93b5-7d9e1f3a5b6c',
          extent: JSON.stringify(DROP_IN_AREA),
          extent_type: 'geojson',
        },
      ],
      service_at_locations: [],
      attributes: [
        classify(
          '6f8b0d2e-4a5c-4d9e-b1f3-5b7c9d1e3f4a',
          '9c1e3a5b-7d8f-4a2b-a4c6-8e0f2a4b6c7d',
          LAKESHORE_211_TERMS.mediation,
        ),
      ],
    },
  ],
};

/** What Concord makes of Lakeshore's organisation with LAKESHORE_211_IMPORT_OPTIONS. */
export const LAKESHORE_211_IMPORTED: ImportedOrganization = {
  id: LAKESHORE_ORGANIZATION_ID,
  name: 'Cedar Hollow Community Services',
  type: 'mental-health-provider',
  services: [
    {
      id: '5223b353-d736-47eb-8553-338f65b54609',
      name: 'Cedar Hollow Crisis Line',
      category: 'mental-health-crisis',
      area: CRISIS_LINE_AREA,
      capacity: 20,
      hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
      eligibility: {},
    },
    {
      id: 'f3f5bb5c-6399-49cb-96a4-3123b69840a2',
      name: 'Family Shelter Intake',
      category: 'homelessness',
      area: {
        type: 'MultiPolygon',
        coordinates: SHELTER_AREAS.map((area) => area.coordinates),
      },
      capacity: 20,
      hours: {
        alwaysOpen: false,
        timeZone: 'America/Chicago',
        weekly: [
          ...(['mon', 'tue', 'wed', 'thu', 'fri'] as const).flatMap((day) => [
            { day, opens: '08:30', closes: '12:00' },
            { day, opens: '13:00', closes: '16:30' },
          ]),
          { day: 'sat', opens: '09:00', closes: '24:00' },
        ],
      },
      eligibility: { minAge: 18 },
    },
    {
      id: '08161862-4371-4f38-9aaf-458a9d9fab20',
      name: 'Teen Drop-In Center',
      category: 'youth',
      area: DROP_IN_AREA,
      capacity: 20,
      hours: {
        alwaysOpen: false,
        timeZone: 'America/Chicago',
        weekly: [
          { day: 'tue', opens: '15:00', closes: '19:00' },
          { day: 'thu', opens: '15:00', closes: '19:00' },
        ],
      },
      eligibility: { minAge: 13, maxAge: 19 },
    },
  ],
};

/** The services Lakeshore publishes that Concord cannot take: a monthly group, a closed one. */
export const LAKESHORE_211_REJECTED_SERVICE_IDS = [
  '2a4f6c1e-8b3d-4e59-a7c2-9d0e1f2a3b4c',
  '6f8b0d2e-4a5c-4d9e-b1f3-5b7c9d1e3f4a',
];
