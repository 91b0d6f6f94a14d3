import { AssignmentDecision } from './assignment-decision.entity';
import { decisionsAs } from './decision-view';
import { Offer } from './offer.entity';

const at = (second: number) => new Date(Date.UTC(2026, 10, 22, 10, 0, second));

const run = (second: number, partnerId: string | null, trace: AssignmentDecision['trace']) =>
  Object.assign(new AssignmentDecision(), {
    id: `run-${second}`,
    referralId: 'referral-1',
    decidedAt: at(second),
    result: partnerId ? 'offered' : 'unassignable',
    partnerId,
    trace,
  } satisfies Partial<AssignmentDecision>);

const offer = (attempt: number, second: number, partnerId: string, status: Offer['status']) =>
  Object.assign(new Offer(), {
    attempt,
    partnerId,
    serviceId: `${partnerId}-service`,
    agreementId: `${partnerId}-agreement`,
    offeredAt: at(second),
    status,
  } satisfies Partial<Offer>);

const ranked = (partnerId: string, rank: number) => ({
  partnerId,
  name: `${partnerId} name`,
  eligible: true,
  reasons: [],
  rank,
  serviceId: `${partnerId}-service`,
  agreementId: `${partnerId}-agreement`,
  openCases: rank,
  capacity: 10,
});

const decisions = [
  run(1, 'alpha', [
    ranked('alpha', 1),
    ranked('bravo', 2),
    {
      partnerId: 'outsider',
      name: 'outsider name',
      eligible: false,
      reasons: ['outside-service-area', 'no-agreement'],
    },
  ]),
  run(5, 'bravo', [
    ranked('bravo', 1),
    { partnerId: 'alpha', name: 'alpha name', eligible: false, reasons: ['declined-before'] },
    { partnerId: 'outsider', name: 'outsider name', eligible: false, reasons: ['no-agreement'] },
  ]),
];
const offers = [offer(2, 5, 'bravo', 'offered'), offer(1, 1, 'alpha', 'declined')];

describe('a decision trace as each role sees it', () => {
  it("a dispatcher's run names only the partner it went to and counts a partner ruled out for two reasons under each", () => {
    const [first] = decisionsAs(
      { subject: 'd', role: 'dispatcher', organizationId: 'agency' },
      decisions,
      offers,
    );
    expect(first).toEqual({
      decidedAt: at(1).toISOString(),
      result: 'offered',
      partnerId: 'alpha',
      partnerName: 'alpha name',
      eligiblePartners: 2,
      ruledOutPartners: 1,
      ruledOutByReason: { 'outside-service-area': 1, 'no-agreement': 1 },
    });
  });

  it('a partner reads one attempt per offer made to it, with the load of the run that made it', () => {
    expect(
      decisionsAs({ subject: 'p', role: 'partner', organizationId: 'bravo' }, decisions, offers),
    ).toEqual([
      {
        attempt: 2,
        decidedAt: at(5).toISOString(),
        result: 'offered',
        serviceId: 'bravo-service',
        agreementId: 'bravo-agreement',
        openCases: 1,
        capacity: 10,
        offerStatus: 'offered',
      },
    ]);
  });

  it('an administrator reads every run with its whole trace', () => {
    const full = decisionsAs({ subject: 'a', role: 'admin' }, decisions, offers);
    expect(full.map((view) => ('trace' in view ? view.trace : null))).toEqual(
      decisions.map((decision) => decision.trace),
    );
  });
});
