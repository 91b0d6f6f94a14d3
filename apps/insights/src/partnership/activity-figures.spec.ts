import { ActivityKind, ActivityStatus } from '@concord/contracts';
import { activityFigures, ActivityRow, InitiativeTarget } from './activity-figures';

const POLICE = '00000000-0000-4000-8000-000000000001';
const SHELTER = '00000000-0000-4000-8000-000000000002';

const activity = (
  kind: ActivityKind,
  startsAt: string,
  attendees: Record<string, number | undefined>,
  status: ActivityStatus = 'held',
): ActivityRow => ({
  kind,
  status,
  startsAt: new Date(startsAt),
  participants: Object.entries(attendees).map(([organizationId, count]) => ({
    organizationId,
    confirmed: true,
    ...(count === undefined ? {} : { attendees: count }),
  })),
});

const TARGETS: InitiativeTarget[] = [
  { kind: 'trainings-per-quarter', metric: 'Joint trainings', target: 2 },
  { kind: 'attendance-per-quarter', metric: 'People trained', target: 30 },
  { kind: 'acceptance-rate', metric: 'Offers accepted', target: 0.8 },
  { metric: 'Press coverage', target: 1 },
];

describe('joint activities per quarter against the targets', () => {
  it('counts held trainings and community events by the quarter their start falls in (UTC)', () => {
    const [q3, q4] = activityFigures(
      [
        activity('training', '2026-09-30T23:30:00-02:00', { [POLICE]: 10 }),
        activity('training', '2026-11-02T09:00:00Z', { [POLICE]: 8, [SHELTER]: 4 }),
        activity('community-meeting', '2026-07-15T18:00:00Z', { [SHELTER]: 20 }),
        activity('outreach-event', '2026-08-01T10:00:00Z', { [SHELTER]: 3 }),
      ],
      [],
    );
    expect([q3.quarter, q3.trainingsHeld, q3.communityEventsHeld, q3.attendees]).toEqual([
      '2026-Q3',
      0,
      2,
      23,
    ]);
    expect([q4.quarter, q4.trainingsHeld, q4.communityEventsHeld, q4.attendees]).toEqual([
      '2026-Q4',
      2,
      0,
      22,
    ]);
  });

  it('leaves out planned and cancelled activities', () => {
    const figures = activityFigures(
      [
        activity('training', '2026-11-02T09:00:00Z', { [POLICE]: undefined }, 'planned'),
        activity('training', '2026-11-09T09:00:00Z', { [POLICE]: undefined }, 'cancelled'),
      ],
      TARGETS,
      ['2026-Q4'],
    );
    expect(figures[0]).toMatchObject({ trainingsHeld: 0, attendees: 0, byOrganization: [] });
  });

  it('counts each organisation at the activities its people came to', () => {
    const [q4] = activityFigures(
      [
        activity('training', '2026-10-05T09:00:00Z', { [POLICE]: 8, [SHELTER]: 0 }),
        activity('training', '2026-10-12T09:00:00Z', { [POLICE]: 6, [SHELTER]: undefined }),
        activity('community-meeting', '2026-10-20T18:00:00Z', { [SHELTER]: 12 }),
      ],
      [],
    );
    expect(q4.byOrganization).toEqual([
      { organizationId: POLICE, activitiesAttended: 2, trainingsAttended: 2, attendees: 14 },
      { organizationId: SHELTER, activitiesAttended: 1, trainingsAttended: 0, attendees: 12 },
    ]);
  });

  it('measures trainings and attendance per quarter against their targets, ignoring other kinds', () => {
    const figures = activityFigures(
      [
        activity('training', '2026-10-05T09:00:00Z', { [POLICE]: 20 }),
        activity('training', '2026-11-05T09:00:00Z', { [POLICE]: 15 }),
        activity('training', '2027-01-05T09:00:00Z', { [POLICE]: 9 }),
      ],
      TARGETS,
      ['2026-Q4', '2027-Q1', '2027-Q2'],
    );
    expect(figures.map(({ quarter, targets }) => [quarter, targets])).toEqual([
      [
        '2026-Q4',
        [
          {
            kind: 'trainings-per-quarter',
            metric: 'Joint trainings',
            target: 2,
            actual: 2,
            met: true,
          },
          {
            kind: 'attendance-per-quarter',
            metric: 'People trained',
            target: 30,
            actual: 35,
            met: true,
          },
        ],
      ],
      [
        '2027-Q1',
        [
          {
            kind: 'trainings-per-quarter',
            metric: 'Joint trainings',
            target: 2,
            actual: 1,
            met: false,
          },
          {
            kind: 'attendance-per-quarter',
            metric: 'People trained',
            target: 30,
            actual: 9,
            met: false,
          },
        ],
      ],
      [
        '2027-Q2',
        [
          {
            kind: 'trainings-per-quarter',
            metric: 'Joint trainings',
            target: 2,
            actual: 0,
            met: false,
          },
          {
            kind: 'attendance-per-quarter',
            metric: 'People trained',
            target: 30,
            actual: 0,
            met: false,
          },
        ],
      ],
    ]);
  });
});
