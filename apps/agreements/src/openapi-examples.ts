import { ExampleObject } from '@nestjs/swagger';
import { OrganizationType, ServiceArea } from '@concord/contracts';
import { hsdsOrganizationOf } from './hsds/hsds-export.mapper';

type Examples = Record<string, ExampleObject>;

const PARTNER = '5c1f6a1e-2b7d-4f0e-9a57-3d8f0c2b6e41';
const AGENCY = '0e2b8f6a-7c3d-4b1e-8f5a-9d6c4e2a1b07';
const INITIATIVE = 'a3d9e7c5-1b2f-4e6a-9c8d-7f5e3a1b2c4d';

/** Examples of the main requests, shown in the OpenAPI document (a test checks they are valid). */
export const ORGANIZATION_EXAMPLES: Examples = {
  crisisTeam: {
    summary: 'A mental-health provider with a crisis team downtown, always open',
    value: {
      name: 'Riverton Crisis Team',
      type: 'mental-health-provider',
      services: [
        {
          name: 'Mobile crisis team',
          category: 'mental-health-crisis',
          area: {
            type: 'Polygon',
            coordinates: [
              [
                [-122.75, 45.45],
                [-122.55, 45.45],
                [-122.55, 45.6],
                [-122.75, 45.6],
                [-122.75, 45.45],
              ],
            ],
          },
          capacity: 12,
          hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
          eligibility: {},
        },
      ],
    },
  },
  agency: {
    summary: 'A police agency, which offers no services',
    value: { name: 'Riverton Police Bureau', type: 'police-agency', services: [] },
  },
};

export const INITIATIVE_EXAMPLES: Examples = {
  coResponse: {
    summary: 'A joint programme of the agency and a partner',
    value: {
      name: 'Riverton Co-Response 2026',
      leadAgencyId: AGENCY,
      partnerIds: [PARTNER],
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2027-12-31',
    },
  },
};

export const KPI_TARGETS_EXAMPLES: Examples = {
  quarterly: {
    summary: 'Four trainings a quarter, 80 % of offers accepted, and a target Concord only shows',
    value: {
      kpiTargets: [
        { kind: 'trainings-per-quarter', metric: 'Joint trainings per quarter', target: 4 },
        { kind: 'acceptance-rate', metric: 'Offers accepted', target: 0.8 },
        { metric: 'Officers trained in CIT', target: 120, unit: 'officers' },
      ],
    },
  },
};

const ACTIVITY = {
  kind: 'training',
  topic: 'crisis-de-escalation',
  title: 'De-escalation for patrol officers and crisis staff',
  place: 'Riverton Community Center, room 2',
  startsAt: '2026-10-14T09:00:00-07:00',
  endsAt: '2026-10-14T16:00:00-07:00',
  organizationIds: [AGENCY, PARTNER],
};

export const ACTIVITY_EXAMPLES: Examples = {
  training: { summary: 'A joint de-escalation training', value: ACTIVITY },
  meeting: {
    summary: 'A community meeting on a topic of its own',
    value: {
      ...ACTIVITY,
      kind: 'community-meeting',
      topic: 'other',
      topicDetail: 'Safety around the new shelter on 5th Avenue',
      title: 'Neighbourhood listening session',
      startsAt: '2026-11-03T18:30:00-08:00',
      endsAt: '2026-11-03T20:00:00-08:00',
    },
  },
};

export const ATTENDANCE_EXAMPLES: Examples = {
  counted: {
    summary: 'How many came from each organisation',
    value: {
      attendance: [
        { organizationId: AGENCY, attendees: 14 },
        { organizationId: PARTNER, attendees: 6 },
      ],
    },
  },
};

export const AGREEMENT_EXAMPLES: Examples = {
  crisis: {
    summary: 'The partner takes crisis cases and sees the person’s name and phone',
    value: {
      initiativeId: INITIATIVE,
      partnerId: PARTNER,
      categories: ['mental-health-crisis'],
      sharedFields: ['person.name', 'person.phone'],
      acceptWithinMinutes: { immediate: 10, 'same-day': 120, routine: 1440 },
      effectiveFrom: '2026-02-01T00:00:00Z',
      effectiveTo: '2027-12-31T23:59:59Z',
    },
  },
};

export const SIGNATURE_EXAMPLES: Examples = {
  agency: {
    summary: 'The agency signs',
    value: { party: 'agency', name: 'Dana Whitfield', title: 'Chief of Police' },
  },
};

export const STATUS_CHANGE_EXAMPLES: Examples = {
  review: {
    summary: 'Why, for the record and for the partner',
    value: { reason: 'Data-sharing review after a complaint; resumes when it is closed.' },
  },
};

export const AMENDMENT_EXAMPLES: Examples = {
  longerDeadlines: {
    summary: 'More time to accept routine cases',
    value: {
      reason: 'The partner staffs routine cases on weekdays only.',
      acceptWithinMinutes: { immediate: 10, 'same-day': 120, routine: 4320 },
    },
  },
};

export const INCIDENT_TYPE_EXAMPLES: Examples = {
  cadCodes: {
    summary: 'A CAD’s own codes and one NENA registry value',
    value: {
      types: [
        { code: 'MH-CRISIS', category: 'mental-health-crisis', urgency: 'immediate' },
        { code: '10-96', category: 'mental-health-crisis', urgency: 'same-day' },
        { code: 'WELFARE', category: 'welfare-check', urgency: 'same-day' },
        { code: 'Law-Suspicious Person', category: 'welfare-check', urgency: 'routine' },
      ],
    },
  },
};

const crisisTeam = ORGANIZATION_EXAMPLES.crisisTeam.value as {
  name: string;
  type: OrganizationType;
  services: { name: string; area: ServiceArea }[];
};

/** The crisis team above as HSDS 3.0 exports it: the form an import takes back. */
const crisisTeamAsHsds = hsdsOrganizationOf(
  {
    id: PARTNER,
    name: crisisTeam.name,
    type: crisisTeam.type,
    revision: 1,
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
    services: [
      {
        id: '9b4e2c71-5d3a-4f8e-b6a1-0c7d2e9f4a13',
        name: crisisTeam.services[0].name,
        category: 'mental-health-crisis',
        area: crisisTeam.services[0].area,
        capacity: 12,
        hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
        eligibility: {},
      },
    ],
  },
  new Date('2026-01-05T09:00:00Z'),
);

export const HSDS_IMPORT_EXAMPLES: Examples = {
  concordExport: {
    summary: 'Organisations as GET /hsds/organizations?full_service=true gives them',
    value: { organizations: [crisisTeamAsHsds] },
  },
  foreignDirectory: {
    summary: 'A 211 directory: its taxonomy mapped to categories, with what HSDS 3.0 cannot say',
    value: {
      dryRun: true,
      options: {
        categoryMapping: {
          'RP-1500.1400-500': 'mental-health-crisis',
          'BH-1800.8500': 'homelessness',
        },
        defaultCapacity: 10,
        timeZone: 'America/Chicago',
        organizationType: 'mental-health-provider',
      },
      organizations: [],
    },
  },
};
