import { randomUUID } from 'node:crypto';
import {
  BudgetStateV1,
  DeclineReason,
  EventDefinition,
  EventEnvelope,
  FundingEvents,
  NotificationEvents,
  Outcome,
  ReferralCategory,
  ReferralEvents,
  RELEASE_REASONS,
  UnsuccessfulReason,
  WithdrawalReason,
} from '@concord/contracts';
import { after, EventPublisher } from './insights-service';

export interface Partner {
  readonly id: string;
  readonly serviceId: string;
  readonly agreementId: string;
}

/** A police agency, an initiative and its partners, all with fresh ids. */
export class Programme {
  readonly agencyId = randomUUID();
  readonly initiativeId = randomUUID();
  readonly partners: Partner[];
  private readonly budgets = new Map<string, string>();

  constructor(partnerCount = 2) {
    this.partners = Array.from({ length: partnerCount }, () => ({
      id: randomUUID(),
      serviceId: randomUUID(),
      agreementId: randomUUID(),
    }));
  }

  /** A new budget of the partner for one category, or for all of them. */
  openBudget(partner: Partner, category?: ReferralCategory): string {
    const id = randomUUID();
    this.budgets.set(`${partner.id}/${category ?? '*'}`, id);
    return id;
  }

  /** The budget a partner's case of `category` is charged to: its own, else the partner's general one. */
  budgetOf(partner: Partner, category: ReferralCategory): string {
    const id = this.budgets.get(`${partner.id}/${category}`) ?? this.budgets.get(`${partner.id}/*`);
    return id ?? this.openBudget(partner);
  }
}

/** One referral's events, published as the services would, at times relative to submission. */
export class ReferralScript {
  readonly id = randomUUID();
  private readonly correlationId = randomUUID();
  private attempt = 0;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly programme: Programme,
    readonly category: ReferralCategory,
    readonly submittedAt: Date,
    readonly areaCode = 'dp3wj',
  ) {}

  private publish<P extends object>(
    definition: EventDefinition<P>,
    data: P,
    seconds: number,
    causationId?: string,
  ) {
    return this.publisher.publish(
      definition,
      data,
      after(this.submittedAt, seconds),
      this.correlationId,
      causationId,
    );
  }

  private time(seconds: number): string {
    return after(this.submittedAt, seconds).toISOString();
  }

  submit() {
    return this.publish(
      ReferralEvents.submitted,
      {
        referralId: this.id,
        agencyId: this.programme.agencyId,
        incidentReference: `CAD-${this.id.slice(0, 8)}`,
        category: this.category,
        urgency: 'same-day',
        areaCode: this.areaCode,
        submittedAt: this.time(0),
      },
      0,
    );
  }

  assign(seconds: number, partner: Partner, acceptWithinSeconds = 3600) {
    this.attempt += 1;
    return this.publish(
      ReferralEvents.assigned,
      {
        referralId: this.id,
        partnerId: partner.id,
        serviceId: partner.serviceId,
        agreementId: partner.agreementId,
        initiativeId: this.programme.initiativeId,
        category: this.category,
        urgency: 'same-day',
        attempt: this.attempt,
        acceptBy: this.time(seconds + acceptWithinSeconds),
      },
      seconds,
    );
  }

  unassignable(seconds: number) {
    this.attempt += 1;
    return this.publish(
      ReferralEvents.unassignable,
      {
        referralId: this.id,
        category: this.category,
        attempt: this.attempt,
        ruledOut: this.programme.partners.map((partner) => ({
          partnerId: partner.id,
          reasons: ['at-capacity' as const],
        })),
      },
      seconds,
    );
  }

  accept(seconds: number, partner: Partner) {
    return this.publish(
      ReferralEvents.accepted,
      { referralId: this.id, partnerId: partner.id, acceptedAt: this.time(seconds) },
      seconds,
    );
  }

  decline(seconds: number, partner: Partner, reason: DeclineReason) {
    return this.publish(
      ReferralEvents.declined,
      { referralId: this.id, partnerId: partner.id, reason },
      seconds,
    );
  }

  expire(seconds: number, partner: Partner) {
    return this.publish(
      ReferralEvents.offerExpired,
      { referralId: this.id, partnerId: partner.id },
      seconds,
    );
  }

  withdraw(seconds: number, partner: Partner, reason: WithdrawalReason) {
    return this.publish(
      ReferralEvents.offerWithdrawn,
      { referralId: this.id, partnerId: partner.id, reason },
      seconds,
    );
  }

  contact(seconds: number, partner: Partner) {
    return this.publish(
      ReferralEvents.inProgress,
      { referralId: this.id, partnerId: partner.id, contactedAt: this.time(seconds) },
      seconds,
    );
  }

  complete(
    seconds: number,
    partner: Partner,
    outcome: Outcome,
    unsuccessfulReason?: UnsuccessfulReason,
  ) {
    return this.publish(
      ReferralEvents.completed,
      {
        referralId: this.id,
        partnerId: partner.id,
        outcome,
        ...(unsuccessfulReason ? { unsuccessfulReason } : {}),
        completedAt: this.time(seconds),
      },
      seconds,
    );
  }

  cancel(seconds: number, partner?: Partner) {
    return this.publish(
      ReferralEvents.cancelled,
      { referralId: this.id, ...(partner ? { partnerId: partner.id } : {}) },
      seconds,
    );
  }

  private money(partner: Partner, amountCents: number) {
    return {
      budgetId: this.programme.budgetOf(partner, this.category),
      referralId: this.id,
      partnerId: partner.id,
      amountCents,
    };
  }

  reserve(seconds: number, partner: Partner, amountCents: number) {
    return this.publish(FundingEvents.reserved, this.money(partner, amountCents), seconds);
  }

  charge(seconds: number, partner: Partner, amountCents: number) {
    return this.publish(FundingEvents.charged, this.money(partner, amountCents), seconds);
  }

  release(
    seconds: number,
    partner: Partner,
    amountCents: number,
    reason: (typeof RELEASE_REASONS)[number],
  ) {
    return this.publish(
      FundingEvents.released,
      { ...this.money(partner, amountCents), reason },
      seconds,
    );
  }

  /**
   * funding.reservation-rejected of `offer` (its referral.assigned), caused by it as funding's
   * handler of the offer would publish it.
   */
  rejectReservation(seconds: number, partner: Partner, offer: EventEnvelope) {
    return this.publish(
      FundingEvents.reservationRejected,
      {
        referralId: this.id,
        partnerId: partner.id,
        budgetId: this.programme.budgetOf(partner, this.category),
        reason: 'budget-exhausted',
      },
      seconds,
      offer.id,
    );
  }

  /** notification.delivered to the partner about `about`, one of this referral's events. */
  notify(seconds: number, partner: Partner, about: EventEnvelope) {
    return this.publish(
      NotificationEvents.delivered,
      {
        notificationId: randomUUID(),
        organizationId: partner.id,
        channel: 'webhook',
        aboutEventId: about.id,
        aboutSubject: this.id,
        attempts: 1,
      },
      seconds,
    );
  }
}

export const CRISIS: ReferralCategory = 'mental-health-crisis';
export const HOUSING: ReferralCategory = 'homelessness';

export interface KpiScenario {
  readonly programme: Programme;
  readonly base: Date;
  readonly referrals: ReferralScript[];
  /** Every event the scenario published, in the order it published them. */
  readonly events: EventEnvelope[];
}

const budgetState = (
  programme: Programme,
  budgetId: string,
  partner: Partner,
  category: ReferralCategory | undefined,
  awardedCents: number,
  availableCents: number,
): BudgetStateV1 => ({
  budgetId,
  initiativeId: programme.initiativeId,
  partnerId: partner.id,
  ...(category ? { category } : {}),
  awardedCents,
  availableCents,
  costPerCaseCents: 1500,
});

/**
 * Twelve referrals of one initiative, two partners and two categories, submitted ten minutes
 * apart from `base`: acceptances, declines with reasons, expiries, a withdrawal, two unassignable
 * rounds, completions both ways (one without a reason), an offer still open, a cancel while
 * offered and one after acceptance, reservations, releases and charges (some published before
 * the referral events they follow), an acceptance funding rejected afterwards (unfunded), and
 * budget states. Partner 1 has one budget for every category (charged for its crisis
 * and housing cases alike), partner 2 one per category.
 */
export async function publishKpiScenario(
  publisher: EventPublisher,
  base: Date,
): Promise<KpiScenario> {
  const first = publisher.published.length;
  const programme = new Programme();
  const [p1, p2] = programme.partners;
  const referral = (index: number, category: ReferralCategory) =>
    new ReferralScript(publisher, programme, category, after(base, index * 600));
  const p1Budget = programme.openBudget(p1);
  const p2Housing = programme.openBudget(p2, HOUSING);
  const opened = FundingEvents.budgetOpened;
  await publisher.publish(
    opened,
    budgetState(programme, p1Budget, p1, undefined, 100_000, 100_000),
    base,
  );
  await publisher.publish(
    opened,
    budgetState(programme, programme.openBudget(p2, CRISIS), p2, CRISIS, 50_000, 50_000),
    base,
  );
  await publisher.publish(
    opened,
    budgetState(programme, p2Housing, p2, HOUSING, 30_000, 30_000),
    base,
  );

  const r0 = referral(0, CRISIS);
  await r0.submit();
  const offer = await r0.assign(60, p1);
  await r0.reserve(61, p1, 1500);
  await r0.notify(62, p1, offer);
  await r0.charge(301, p1, 1500); // before the acceptance it follows
  await r0.accept(300, p1);
  await r0.contact(900, p1);
  await r0.complete(3600, p1, 'successful');

  const r1 = referral(1, CRISIS);
  await r1.submit();
  await r1.assign(120, p1);
  await r1.decline(400, p1, 'no-capacity');
  await r1.assign(460, p2);
  await r1.reserve(461, p2, 2000);
  await r1.charge(701, p2, 2000);
  await r1.accept(700, p2);
  await r1.complete(4000, p2, 'unsuccessful', 'unable-to-contact');

  const r2 = referral(2, HOUSING);
  await r2.submit();
  await r2.assign(45, p2);
  await r2.expire(1845, p2);
  await r2.assign(1900, p1);
  await r2.reserve(1901, p1, 1500);
  await r2.accept(2000, p1);
  await r2.charge(2001, p1, 1500);
  await r2.contact(2500, p1);
  await r2.complete(6000, p1, 'successful');

  const r3 = referral(3, HOUSING);
  await r3.submit();
  // Accepted before funding's rejection of the offer arrived: an unfunded case.
  const r3Offer = await r3.assign(200, p2);
  await r3.accept(260, p2);
  await r3.rejectReservation(261, p2, r3Offer);
  await r3.contact(1000, p2);

  const r4 = referral(4, CRISIS);
  await r4.submit();
  await r4.assign(30, p1);
  await r4.reserve(31, p1, 1500);
  await r4.decline(90, p1, 'safety-concern');
  await r4.release(91, p1, 1500, 'declined');
  await r4.assign(600, p2);
  await r4.decline(650, p2, 'no-capacity');
  await r4.unassignable(700);

  const r5 = referral(5, CRISIS);
  await r5.submit();
  await r5.unassignable(20);
  await r5.assign(3000, p1);
  await r5.reserve(3001, p1, 1500);
  await r5.accept(3100, p1);
  await r5.charge(3101, p1, 1500);
  await r5.complete(5000, p1, 'successful');

  const r6 = referral(6, HOUSING);
  await r6.submit();
  await r6.assign(90, p1);
  await r6.withdraw(500, p1, 'agreement-suspended');
  await r6.assign(520, p2);
  await r6.reserve(521, p2, 1800);
  await r6.accept(800, p2);
  await r6.charge(801, p2, 1800);
  await r6.complete(7000, p2, 'unsuccessful', 'refused-services');

  const r7 = referral(7, CRISIS);
  await r7.submit();
  await r7.assign(75, p2);
  await r7.reserve(76, p2, 2000);
  await r7.cancel(300, p2);
  await r7.release(301, p2, 2000, 'cancelled');

  const r8 = referral(8, HOUSING);
  await r8.reserve(16, p1, 1500); // funding's events before anything of the referral itself
  await r8.charge(1216, p1, 1500);
  await r8.submit();
  await r8.assign(15, p1);
  await r8.accept(1215, p1);
  await r8.contact(1500, p1);
  await r8.complete(4000, p1, 'successful');

  const r9 = referral(9, CRISIS);
  await r9.submit();
  await r9.assign(240, p2);
  await r9.expire(2040, p2);
  await r9.assign(2100, p1);
  await r9.reserve(2101, p1, 1500); // still held: the offer is open

  const r10 = referral(10, HOUSING);
  await r10.submit();
  await r10.assign(100, p1);
  await r10.reserve(102, p1, 1500);
  await r10.accept(160, p1);
  await r10.charge(161, p1, 1500);
  await r10.contact(300, p1);
  await r10.complete(900, p1, 'unsuccessful');

  const r11 = referral(11, CRISIS);
  await r11.submit();
  await r11.assign(50, p2);
  await r11.reserve(51, p2, 2000);
  await r11.accept(400, p2);
  await r11.charge(401, p2, 2000);
  await r11.cancel(1000, p2);

  await publisher.publish(
    FundingEvents.thresholdReached,
    budgetState(programme, p1Budget, p1, undefined, 100_000, 15_000),
    after(base, 5 * 3600),
  );
  await publisher.publish(
    FundingEvents.exhausted,
    budgetState(programme, p2Housing, p2, HOUSING, 30_000, 200),
    after(base, 5 * 3600),
  );

  return {
    programme,
    base,
    referrals: [r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11],
    events: publisher.published.slice(first),
  };
}
