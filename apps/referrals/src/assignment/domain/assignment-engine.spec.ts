import type { ServiceArea } from '@concord/contracts';
import {
  AssignmentEngine,
  PartnerCandidate,
  PriorOutcome,
  ReferralToAssign,
} from './assignment-engine';
import type { OpeningHours, PartnerAgreement, PartnerService } from './partner';

const AGENCY = 'agency-chicago-pd';
// Tuesday 2026-03-10, 10:00 in Chicago (CDT).
const NOW = new Date('2026-03-10T15:00:00Z');

const downtownChicago: ServiceArea = {
  type: 'Polygon',
  coordinates: [
    [
      [-88, 41],
      [-87, 41],
      [-87, 42],
      [-88, 42],
      [-88, 41],
    ],
  ],
};
const detroit: ServiceArea = {
  type: 'Polygon',
  coordinates: [
    [
      [-84, 42],
      [-83, 42],
      [-83, 43],
      [-84, 43],
      [-84, 42],
    ],
  ],
};
const alwaysOpen: OpeningHours = { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] };
const weekendsOnly: OpeningHours = {
  alwaysOpen: false,
  timeZone: 'America/Chicago',
  weekly: [
    { day: 'sat', opens: '00:00', closes: '24:00' },
    { day: 'sun', opens: '00:00', closes: '24:00' },
  ],
};

const referral = (overrides: Partial<ReferralToAssign> = {}): ReferralToAssign => ({
  agencyId: AGENCY,
  category: 'mental-health-crisis',
  urgency: 'routine',
  point: { latitude: 41.88, longitude: -87.63 },
  ruledOutBefore: new Map(),
  ...overrides,
});

const service = (overrides: Partial<PartnerService> = {}): PartnerService => ({
  serviceId: 'service-crisis',
  category: 'mental-health-crisis',
  area: downtownChicago,
  capacity: 10,
  hours: alwaysOpen,
  eligibility: {},
  ...overrides,
});

const agreement = (overrides: Partial<PartnerAgreement> = {}): PartnerAgreement => ({
  agreementId: 'agreement-1',
  agencyId: AGENCY,
  initiativeId: 'initiative-1',
  status: 'active',
  categories: ['mental-health-crisis'],
  acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
  effectiveFrom: '2026-01-01T00:00:00Z',
  ...overrides,
});

const partner = (
  partnerId: string,
  overrides: Partial<PartnerCandidate> & { open?: number } = {},
): PartnerCandidate => {
  const { open = 0, ...rest } = overrides;
  return {
    partnerId,
    name: `Partner ${partnerId}`,
    services: [service()],
    agreements: [agreement()],
    openCases: new Map([['service-crisis', open]]),
    ...rest,
  };
};

const engine = new AssignmentEngine();
const rank = (partners: PartnerCandidate[], overrides: Partial<ReferralToAssign> = {}) =>
  engine.rankPartners(referral(overrides), partners, NOW);
const reasonsOf = (candidate: PartnerCandidate, overrides: Partial<ReferralToAssign> = {}) =>
  rank([candidate], overrides).trace[0].reasons;
const rankedIds = (partners: PartnerCandidate[], overrides: Partial<ReferralToAssign> = {}) =>
  rank(partners, overrides).ranked.map(({ partnerId }) => partnerId);

describe('AssignmentEngine.rankPartners', () => {
  describe('services', () => {
    it('a partner that fits on every count is eligible with no reasons', () => {
      const [entry] = rank([partner('a')]).trace;
      expect(entry).toMatchObject({ partnerId: 'a', eligible: true, reasons: [], rank: 1 });
    });

    it('a partner without a service in the category is ruled out as no-service-for-category only', () => {
      const housingFarAwayAndFull = service({
        category: 'homelessness',
        area: detroit,
        capacity: 1,
        hours: weekendsOnly,
      });
      const candidate = partner('a', { services: [housingFarAwayAndFull] });
      expect(reasonsOf(candidate, { urgency: 'immediate' })).toEqual(['no-service-for-category']);
    });

    it('a partner whose area does not contain the point is ruled out as outside-service-area', () => {
      const candidate = partner('a', { services: [service({ area: detroit })] });
      expect(reasonsOf(candidate)).toEqual(['outside-service-area']);
    });

    it('a person older than the service takes is ruled out as person-not-eligible', () => {
      const youthOnly = service({ eligibility: { minAge: 12, maxAge: 24 } });
      expect(reasonsOf(partner('a', { services: [youthOnly] }), { personAge: 25 })).toEqual([
        'person-not-eligible',
      ]);
    });

    it('a person younger than the service takes is ruled out as person-not-eligible', () => {
      const adultsOnly = service({ eligibility: { minAge: 18 } });
      expect(reasonsOf(partner('a', { services: [adultsOnly] }), { personAge: 17 })).toEqual([
        'person-not-eligible',
      ]);
    });

    it('the age limits include both ends', () => {
      const youthOnly = partner('a', {
        services: [service({ eligibility: { minAge: 12, maxAge: 24 } })],
      });
      expect(reasonsOf(youthOnly, { personAge: 12 })).toEqual([]);
      expect(reasonsOf(youthOnly, { personAge: 24 })).toEqual([]);
    });

    it("age limits do not rule a partner out when the person's age is unknown", () => {
      const adultsOnly = service({ eligibility: { minAge: 18 } });
      expect(reasonsOf(partner('a', { services: [adultsOnly] }))).toEqual([]);
    });

    it('a service with as many open cases as its capacity rules the partner out as at-capacity', () => {
      expect(reasonsOf(partner('a', { open: 10 }))).toEqual(['at-capacity']);
      expect(reasonsOf(partner('b', { open: 9 }))).toEqual([]);
    });

    it('a service whose open cases are not known has none', () => {
      const [offer] = rank([partner('a', { openCases: new Map() })]).ranked;
      expect(offer.openCases).toBe(0);
    });

    it('an immediate referral skips a partner that is closed now but a routine one does not', () => {
      const closedNow = partner('a', { services: [service({ hours: weekendsOnly })] });
      expect(reasonsOf(closedNow, { urgency: 'immediate' })).toEqual(['closed-now']);
      expect(reasonsOf(closedNow, { urgency: 'routine' })).toEqual([]);
    });

    it('a same-day referral does not need the partner to be open now', () => {
      const closedNow = partner('a', { services: [service({ hours: weekendsOnly })] });
      expect(reasonsOf(closedNow, { urgency: 'same-day' })).toEqual([]);
    });

    it('a partner qualifies when any one of its services in the category qualifies', () => {
      const candidate = partner('a', {
        services: [
          service({ serviceId: 'service-detroit', area: detroit }),
          service({ serviceId: 'service-chicago' }),
        ],
      });
      expect(rank([candidate]).ranked[0].serviceId).toBe('service-chicago');
    });

    it('when no service qualifies the partner lists the reasons of all its services in the category', () => {
      const candidate = partner('a', {
        services: [
          service({ serviceId: 'service-detroit', area: detroit }),
          service({ serviceId: 'service-full', capacity: 2 }),
          service({ serviceId: 'service-housing', category: 'homelessness', hours: weekendsOnly }),
        ],
        openCases: new Map([['service-full', 2]]),
      });
      expect(reasonsOf(candidate, { urgency: 'immediate' })).toEqual([
        'outside-service-area',
        'at-capacity',
      ]);
    });

    it('a partner with several qualifying services is offered through its least loaded one', () => {
      const candidate = partner('a', {
        services: [
          service({ serviceId: 'service-busy', capacity: 10 }),
          service({ serviceId: 'service-quiet', capacity: 4 }),
        ],
        openCases: new Map([
          ['service-busy', 6],
          ['service-quiet', 1],
        ]),
      });
      expect(rank([candidate]).ranked[0]).toMatchObject({
        serviceId: 'service-quiet',
        openCases: 1,
        capacity: 4,
      });
    });
  });

  describe('agreements', () => {
    it('a partner without an agreement with the referring agency is ruled out as no-agreement', () => {
      const otherAgencyOnly = partner('a', {
        agreements: [agreement({ agencyId: 'agency-other' })],
      });
      expect(reasonsOf(otherAgencyOnly)).toEqual(['no-agreement']);
      expect(reasonsOf(partner('b', { agreements: [] }))).toEqual(['no-agreement']);
    });

    it('a suspended agreement rules the partner out', () => {
      const suspended = partner('a', { agreements: [agreement({ status: 'suspended' })] });
      expect(rank([suspended]).ranked).toEqual([]);
      expect(reasonsOf(suspended)).toEqual(['agreement-not-in-force']);
    });

    it.each(['draft', 'terminated', 'expired'] as const)(
      'an agreement with status %s rules the partner out as agreement-not-in-force',
      (status) => {
        expect(reasonsOf(partner('a', { agreements: [agreement({ status })] }))).toEqual([
          'agreement-not-in-force',
        ]);
      },
    );

    it('an agreement is in force from effectiveFrom up to but not including effectiveTo', () => {
      const from = (effectiveFrom: string) =>
        partner('a', { agreements: [agreement({ effectiveFrom })] });
      const until = (effectiveTo: string) =>
        partner('a', { agreements: [agreement({ effectiveTo })] });
      expect(reasonsOf(from(NOW.toISOString()))).toEqual([]);
      expect(reasonsOf(from('2026-03-10T15:00:01Z'))).toEqual(['agreement-not-in-force']);
      expect(reasonsOf(until('2026-03-10T15:00:01Z'))).toEqual([]);
      expect(reasonsOf(until(NOW.toISOString()))).toEqual(['agreement-not-in-force']);
    });

    it('an agreement that does not cover the category rules the partner out', () => {
      const housingOnly = partner('a', {
        agreements: [agreement({ categories: ['homelessness'] })],
      });
      expect(reasonsOf(housingOnly)).toEqual(['agreement-does-not-cover-category']);
    });

    it('an exhausted budget under the only covering agreement rules the partner out', () => {
      const broke = partner('a', { exhaustedBudgets: new Set(['initiative-1']) });
      expect(reasonsOf(broke)).toEqual(['budget-exhausted']);
    });

    it('an offer goes under an agreement whose budget is not exhausted', () => {
      const candidate = partner('a', {
        agreements: [
          agreement({
            agreementId: 'broke',
            initiativeId: 'initiative-1',
            effectiveFrom: '2026-02-01T00:00:00Z',
          }),
          agreement({ agreementId: 'funded', initiativeId: 'initiative-2' }),
        ],
        exhaustedBudgets: new Set(['initiative-1']),
      });
      expect(rank([candidate]).ranked[0].agreementId).toBe('funded');
    });

    it('an agreement with the agency that is in force and covers the category is enough', () => {
      const candidate = partner('a', {
        agreements: [
          agreement({ agreementId: 'other-agency', agencyId: 'agency-other' }),
          agreement({ agreementId: 'suspended', status: 'suspended' }),
          agreement({ agreementId: 'housing', categories: ['homelessness'] }),
          agreement({ agreementId: 'crisis' }),
        ],
      });
      expect(rank([candidate]).ranked[0].agreementId).toBe('crisis');
    });

    it('when several agreements qualify the offer goes under the one that took effect last', () => {
      const candidate = partner('a', {
        agreements: [
          agreement({ agreementId: 'agreement-b', effectiveFrom: '2025-06-01T00:00:00Z' }),
          agreement({ agreementId: 'agreement-c', effectiveFrom: '2026-02-01T00:00:00Z' }),
          agreement({ agreementId: 'agreement-a', effectiveFrom: '2024-01-01T00:00:00Z' }),
        ],
      });
      expect(rank([candidate]).ranked[0].agreementId).toBe('agreement-c');
    });

    it.each([
      ['immediate', 15],
      ['same-day', 240],
      ['routine', 2880],
    ] as const)(
      "the deadline comes from the agreement for the referral's urgency (%s)",
      (urgency, minutes) => {
        expect(rank([partner('a')], { urgency }).ranked[0].acceptWithinMinutes).toBe(minutes);
      },
    );
  });

  describe('earlier offers', () => {
    it.each(['declined-before', 'missed-deadline-before', 'withdrawn-before'] as PriorOutcome[])(
      'a partner ruled out as %s on this referral is never ranked',
      (outcome) => {
        const decision = rank([partner('a'), partner('b')], {
          ruledOutBefore: new Map([['a', outcome]]),
        });
        expect(decision.ranked.map(({ partnerId }) => partnerId)).toEqual(['b']);
        expect(decision.trace.find(({ partnerId }) => partnerId === 'a')?.reasons).toEqual([
          outcome,
        ]);
      },
    );
  });

  it('every ruled-out partner lists every reason that applies', () => {
    const everythingWrong = partner('a', {
      services: [
        service({
          area: detroit,
          eligibility: { maxAge: 17 },
          hours: weekendsOnly,
          capacity: 3,
        }),
      ],
      agreements: [agreement({ categories: ['youth'] })],
      open: 3,
    });
    expect(
      reasonsOf(everythingWrong, {
        urgency: 'immediate',
        personAge: 40,
        ruledOutBefore: new Map([['a', 'declined-before']]),
      }),
    ).toEqual([
      'outside-service-area',
      'person-not-eligible',
      'closed-now',
      'at-capacity',
      'agreement-does-not-cover-category',
      'declined-before',
    ]);
  });

  describe('ranking', () => {
    it('the least loaded partner ranks first, by share of capacity rather than number of cases', () => {
      const halfFull = partner('half', { open: 5 });
      const largeAndQuieter = partner('large', { services: [service({ capacity: 40 })], open: 6 });
      const empty = partner('empty', { open: 0 });
      expect(rankedIds([halfFull, largeAndQuieter, empty])).toEqual(['empty', 'large', 'half']);
    });

    it('ties in load go to the partner with fewer open cases', () => {
      const twoOfFour = partner('a', {
        name: 'Anchor',
        services: [service({ capacity: 4 })],
        open: 2,
      });
      const oneOfTwo = partner('b', {
        name: 'Beacon',
        services: [service({ capacity: 2 })],
        open: 1,
      });
      expect(rankedIds([twoOfFour, oneOfTwo])).toEqual(['b', 'a']);
    });

    it('ties in load and open cases go by partner name, then by partnerId', () => {
      const zeta = partner('p1', { name: 'Zeta Outreach', open: 1 });
      const alphaB = partner('p3', { name: 'Alpha Care', open: 1 });
      const alphaA = partner('p2', { name: 'Alpha Care', open: 1 });
      expect(rankedIds([zeta, alphaB, alphaA])).toEqual(['p2', 'p3', 'p1']);
    });

    it('the decision does not depend on the order the partners come in', () => {
      const partners = [
        partner('a', { name: 'Beacon', open: 3 }),
        partner('b', { name: 'Anchor', open: 3 }),
        partner('c', { name: 'Harbour', agreements: [] }),
        partner('d', { name: 'Compass', services: [service({ area: detroit })] }),
        partner('e', { name: 'Lighthouse', open: 1 }),
      ];
      expect(rank([...partners].reverse())).toEqual(rank(partners));
    });
  });

  describe('the decision', () => {
    it('an offer names the service, agreement and initiative it goes under, with the deadline and load', () => {
      const candidate = partner('a', {
        agreements: [agreement({ agreementId: 'agreement-a' })],
        open: 4,
      });
      expect(rank([candidate], { urgency: 'same-day' }).ranked).toEqual([
        {
          partnerId: 'a',
          serviceId: 'service-crisis',
          agreementId: 'agreement-a',
          initiativeId: 'initiative-1',
          acceptWithinMinutes: 240,
          openCases: 4,
          capacity: 10,
        },
      ]);
    });

    it('the trace lists the ranked partners by rank, then the ruled-out partners by name', () => {
      const decision = rank([
        partner('z', { name: 'Zeta', agreements: [] }),
        partner('busy', { name: 'Busy', open: 8 }),
        partner('m', { name: 'Mu', services: [] }),
        partner('calm', {
          name: 'Calm',
          open: 2,
          agreements: [agreement({ agreementId: 'ag-calm' })],
        }),
      ]);
      expect(decision.trace).toEqual([
        {
          partnerId: 'calm',
          name: 'Calm',
          eligible: true,
          reasons: [],
          rank: 1,
          serviceId: 'service-crisis',
          agreementId: 'ag-calm',
          openCases: 2,
          capacity: 10,
        },
        {
          partnerId: 'busy',
          name: 'Busy',
          eligible: true,
          reasons: [],
          rank: 2,
          serviceId: 'service-crisis',
          agreementId: 'agreement-1',
          openCases: 8,
          capacity: 10,
        },
        {
          partnerId: 'm',
          name: 'Mu',
          eligible: false,
          reasons: ['no-service-for-category'],
        },
        { partnerId: 'z', name: 'Zeta', eligible: false, reasons: ['no-agreement'] },
      ]);
    });

    it('no partners give an empty decision', () => {
      expect(rank([])).toEqual({ ranked: [], trace: [] });
    });
  });
});
