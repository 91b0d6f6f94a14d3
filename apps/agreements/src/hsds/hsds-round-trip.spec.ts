import fc from 'fast-check';
import {
  EligibilityV1,
  OpeningHoursV1,
  OpeningPeriodV1,
  ORGANIZATION_TYPES,
  REFERRAL_CATEGORIES,
  ServiceArea,
  WEEKDAYS,
} from '@concord/contracts';
import type { OrganizationServiceView, OrganizationView } from '../organizations/organization.view';
import { hsdsOrganizationOf } from './hsds-export.mapper';
import { concordOrganizationOf, ImportedOrganization } from './hsds-import.mapper';
import { sortedPeriods } from './hsds-schedule.mapper';
import {
  CONCORD_ORGANIZATIONS,
  HSDS_FIXTURE_NOW,
  LAKESHORE_211_IMPORT_OPTIONS,
  LAKESHORE_211_ORGANIZATION,
  squareAround,
} from './hsds-test-fixtures';

/** What an import must give back of an organisation. */
const concordPartOf = ({ id, name, type, services }: OrganizationView): ImportedOrganization => ({
  id,
  name,
  type,
  services,
});

/** Export, send as JSON, and import with no options: the document alone must be enough. */
const roundTrip = (organization: OrganizationView, now = HSDS_FIXTURE_NOW) =>
  concordOrganizationOf(JSON.parse(JSON.stringify(hsdsOrganizationOf(organization, now))), {});

const viewOf = (imported: ImportedOrganization): OrganizationView => ({
  ...imported,
  revision: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
});

const pad = (value: number) => String(value).padStart(2, '0');
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([hours, minutes]) => `${pad(hours)}:${pad(minutes)}`);
// HSDS writes "until midnight" as 23:59, so a Concord closing at 23:59 itself reads back as 24:00.
const closing = fc.oneof(
  clock.filter((time) => time !== '23:59'),
  fc.constant('24:00'),
);
const period: fc.Arbitrary<OpeningPeriodV1> = fc.record({
  day: fc.constantFrom(...WEEKDAYS),
  opens: clock,
  closes: closing,
});
const zone = fc.constantFrom(
  'UTC',
  'America/Chicago',
  'America/St_Johns',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'Pacific/Chatham',
);

/** Every day open from 00:00 to 24:00 is always open: HSDS has one way to write it. */
const roundTheClockEveryDay = (weekly: readonly OpeningPeriodV1[]) =>
  WEEKDAYS.every((day) =>
    weekly.some((each) => each.day === day && each.opens === '00:00' && each.closes === '24:00'),
  );

const hours: fc.Arbitrary<OpeningHoursV1> = fc.oneof(
  zone.map((timeZone) => ({ alwaysOpen: true, timeZone, weekly: [] })),
  fc
    .record({
      timeZone: zone,
      weekly: fc.uniqueArray(period, {
        minLength: 1,
        maxLength: 12,
        selector: ({ day, opens, closes }) => `${day} ${opens} ${closes}`,
      }),
    })
    .filter(({ weekly }) => !roundTheClockEveryDay(weekly))
    .map(({ timeZone, weekly }) => ({
      alwaysOpen: false,
      timeZone,
      weekly: sortedPeriods(weekly),
    })),
);

const square = fc
  .tuple(
    fc.double({ min: -179, max: 178, noNaN: true }),
    fc.double({ min: -89, max: 88, noNaN: true }),
    fc.double({ min: 0.001, max: 1, noNaN: true }),
  )
  // JSON has no -0, so neither has a stored area.
  .map(([lon, lat, size]) => squareAround(lon || 0, lat || 0, size));
const area: fc.Arbitrary<ServiceArea> = fc.oneof(
  square,
  fc.array(square, { minLength: 1, maxLength: 3 }).map((squares) => ({
    type: 'MultiPolygon' as const,
    coordinates: squares.map((each) => each.coordinates),
  })),
);

const age = fc.option(fc.integer({ min: 0, max: 130 }), { nil: undefined });
const eligibility: fc.Arbitrary<EligibilityV1> = fc.tuple(age, age).map(([one, other]) =>
  one !== undefined && other !== undefined
    ? { minAge: Math.min(one, other), maxAge: Math.max(one, other) }
    : {
        ...(one === undefined ? {} : { minAge: one }),
        ...(other === undefined ? {} : { maxAge: other }),
      },
);

// Any storable text Concord accepts as a name: no NUL, no lone surrogate, at most 200 characters.
const name = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 200 })
  .filter((text) => !text.includes('\u0000'));

const service: fc.Arbitrary<OrganizationServiceView> = fc.record({
  id: fc.uuid(),
  name,
  category: fc.constantFrom(...REFERRAL_CATEGORIES),
  area,
  capacity: fc.integer({ min: 1, max: 100_000 }),
  hours,
  eligibility,
});

const organization: fc.Arbitrary<OrganizationView> = fc.record({
  id: fc.uuid(),
  name,
  type: fc.constantFrom(...ORGANIZATION_TYPES.filter((type) => type !== 'police-agency')),
  revision: fc.integer({ min: 1, max: 50 }),
  services: fc.uniqueArray(service, { maxLength: 5, selector: (each) => each.id }),
  createdAt: fc.constant('2026-10-01T09:00:00.000Z'),
  updatedAt: fc.constant('2026-11-20T15:30:00.000Z'),
});

const year = new Date().getUTCFullYear();
const thisYear = fc.date({
  min: new Date(Date.UTC(year, 0, 1)),
  max: new Date(Date.UTC(year, 11, 31)),
  noInvalidDate: true,
});

describe('an export read back by the import', () => {
  it.each(
    CONCORD_ORGANIZATIONS.filter(({ type }) => type !== 'police-agency').map(
      (each) => [each.name, each] as const,
    ),
  )('gives back %s exactly, 24:00 closings and always-open hours included', (_name, example) => {
    expect(roundTrip(example)).toEqual({ organization: concordPartOf(example), rejected: [] });
  });

  it('refuses a police agency, which the directory never lists: an import takes partners', () => {
    const police = CONCORD_ORGANIZATIONS.find(({ type }) => type === 'police-agency');
    expect(police && roundTrip(police)).toEqual({
      rejected: [
        expect.objectContaining({
          record: 'organization',
          problems: [expect.objectContaining({ field: 'attributes.0.value' })],
        }),
      ],
    });
  });

  it('gives back any organisation with canonical hours exactly', () => {
    fc.assert(
      // Exported this year: an import reads schedules against its zone's offsets of this year.
      fc.property(organization, thisYear, (example, now) => {
        expect(roundTrip(example, now)).toEqual({
          organization: concordPartOf(example),
          rejected: [],
        });
      }),
    );
  });

  it('gives the same document again when exported after the import', () => {
    fc.assert(
      fc.property(organization, (example) => {
        const first = hsdsOrganizationOf(example, HSDS_FIXTURE_NOW);
        const imported = roundTrip(example).organization;
        expect(imported && hsdsOrganizationOf(viewOf(imported), HSDS_FIXTURE_NOW)).toEqual(first);
      }),
    );
  });

  it('keeps the ids of an outside dataset, so that its next import updates the same records', () => {
    const imported = concordOrganizationOf(LAKESHORE_211_ORGANIZATION, LAKESHORE_211_IMPORT_OPTIONS)
      .organization as ImportedOrganization;
    const again = roundTrip(viewOf(imported)).organization;
    expect(again).toEqual(imported);
  });
});

describe('the forms HSDS cannot tell apart', () => {
  const base = CONCORD_ORGANIZATIONS[0];
  const withHours = (hoursOfService: OpeningHoursV1): OrganizationView => ({
    ...base,
    services: [{ ...base.services[0], hours: hoursOfService }],
  });
  const hoursBack = (hoursOfService: OpeningHoursV1) =>
    roundTrip(withHours(hoursOfService)).organization?.services[0].hours;

  it('read every day open 00:00 to 24:00 back as always open', () => {
    const weekly = WEEKDAYS.map((day) => ({ day, opens: '00:00', closes: '24:00' }));
    expect(hoursBack({ alwaysOpen: false, timeZone: 'UTC', weekly })).toEqual({
      alwaysOpen: true,
      timeZone: 'UTC',
      weekly: [],
    });
  });

  it('read a closing at 23:59 back as 24:00', () => {
    const weekly = [{ day: 'mon' as const, opens: '09:00', closes: '23:59' }];
    expect(hoursBack({ alwaysOpen: false, timeZone: 'UTC', weekly })?.weekly).toEqual([
      { day: 'mon', opens: '09:00', closes: '24:00' },
    ]);
  });

  it('drop the weekly periods of an always-open service, which routing ignores anyway', () => {
    const weekly = [{ day: 'mon' as const, opens: '09:00', closes: '17:00' }];
    expect(hoursBack({ alwaysOpen: true, timeZone: 'UTC', weekly })?.weekly).toEqual([]);
  });

  it('refuse a service that is never open, as its export has no schedules', () => {
    const outcome = roundTrip(withHours({ alwaysOpen: false, timeZone: 'UTC', weekly: [] }));
    expect(outcome.rejected[0].problems[0].field).toBe('services.0.schedules');
  });
});
