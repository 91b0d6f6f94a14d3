import { randomUUID } from 'node:crypto';
import { Producer } from 'kafkajs';
import {
  DECLINE_REASONS,
  EventDefinition,
  EventEnvelope,
  FundingEvents,
  OUTCOMES,
  ReferralEvents,
  RULED_OUT_REASONS,
  TOPIC_OWNERS,
  Topic,
  toKafkaRecord,
  toPayload,
  WITHDRAWAL_REASONS,
} from '@concord/contracts';
import { kafka } from '../../../../test/support/infrastructure';

/**
 * Publishes CloudEvents to Kafka the way the producing services do, so that the notifications
 * service can be driven without them. Every payload is checked against its contract first.
 */
export class ConcordEvents {
  private constructor(private readonly producer: Producer) {}

  static async connect(): Promise<ConcordEvents> {
    const producer = kafka.producer();
    await producer.connect();
    return new ConcordEvents(producer);
  }

  envelope<P extends object>(definition: EventDefinition<P>, payload: P): EventEnvelope<P> {
    const data = toPayload(definition, payload);
    const id = randomUUID();
    return {
      id,
      type: definition.type,
      source: `/concord/${TOPIC_OWNERS[definition.topic as Topic]}`,
      time: new Date().toISOString(),
      subject: definition.key(data),
      correlationId: id,
      data,
    };
  }

  /** Publishes an event; returns its envelope, which `republish` can send again as it is. */
  async publish<P extends object>(
    definition: EventDefinition<P>,
    payload: P,
  ): Promise<EventEnvelope<P>> {
    const envelope = this.envelope(definition, payload);
    await this.republish(definition, envelope);
    return envelope;
  }

  /** Sends an envelope (again): a duplicate with the same event id, as a relay may produce. */
  async republish(definition: EventDefinition, envelope: EventEnvelope): Promise<void> {
    const record = toKafkaRecord(envelope);
    await this.producer.send({
      topic: definition.topic,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

const now = () => new Date().toISOString();

/** One referral of one agency, offered to one partner: the events of its life. */
export class ReferralStory {
  readonly referralId = randomUUID();
  /** Identifies the call in dispatch's system; it must never reach a notification. */
  readonly incidentReference = `CAD-2026-${randomUUID().slice(0, 6)}`;
  readonly areaCode = 'dp3wj';

  constructor(
    private readonly events: ConcordEvents,
    readonly agencyId: string,
    readonly partnerId: string,
  ) {}

  submitted() {
    return this.events.publish(ReferralEvents.submitted, {
      referralId: this.referralId,
      agencyId: this.agencyId,
      incidentReference: this.incidentReference,
      category: 'mental-health-crisis',
      urgency: 'immediate',
      areaCode: this.areaCode,
      submittedAt: now(),
    });
  }

  assigned() {
    return this.events.publish(ReferralEvents.assigned, {
      referralId: this.referralId,
      partnerId: this.partnerId,
      serviceId: randomUUID(),
      agreementId: randomUUID(),
      initiativeId: randomUUID(),
      category: 'mental-health-crisis',
      urgency: 'immediate',
      attempt: 1,
      acceptBy: new Date(Date.now() + 15 * 60_000).toISOString(),
    });
  }

  unassignable() {
    return this.events.publish(ReferralEvents.unassignable, {
      referralId: this.referralId,
      category: 'mental-health-crisis',
      attempt: 2,
      ruledOut: [{ partnerId: this.partnerId, reasons: [RULED_OUT_REASONS[0]] }],
    });
  }

  accepted() {
    return this.events.publish(ReferralEvents.accepted, {
      referralId: this.referralId,
      partnerId: this.partnerId,
      acceptedAt: now(),
    });
  }

  declined() {
    return this.events.publish(ReferralEvents.declined, {
      referralId: this.referralId,
      partnerId: this.partnerId,
      reason: DECLINE_REASONS[0],
    });
  }

  offerExpired() {
    return this.events.publish(ReferralEvents.offerExpired, {
      referralId: this.referralId,
      partnerId: this.partnerId,
    });
  }

  offerWithdrawn() {
    return this.events.publish(ReferralEvents.offerWithdrawn, {
      referralId: this.referralId,
      partnerId: this.partnerId,
      reason: WITHDRAWAL_REASONS[0],
    });
  }

  inProgress() {
    return this.events.publish(ReferralEvents.inProgress, {
      referralId: this.referralId,
      partnerId: this.partnerId,
      contactedAt: now(),
    });
  }

  completed() {
    return this.events.publish(ReferralEvents.completed, {
      referralId: this.referralId,
      partnerId: this.partnerId,
      outcome: OUTCOMES[0],
      completedAt: now(),
    });
  }

  cancelled() {
    return this.events.publish(ReferralEvents.cancelled, {
      referralId: this.referralId,
      partnerId: this.partnerId,
    });
  }

  /** Every status change after submission, in order; returns how many were published. */
  async everyStatusChange(): Promise<number> {
    const steps = [
      () => this.assigned(),
      () => this.declined(),
      () => this.offerExpired(),
      () => this.offerWithdrawn(),
      () => this.unassignable(),
      () => this.accepted(),
      () => this.inProgress(),
      () => this.completed(),
      () => this.cancelled(),
    ];
    for (const step of steps) await step();
    return steps.length;
  }
}

/** A budget of one partner that runs out. */
export function budgetExhausted(events: ConcordEvents, partnerId = randomUUID()) {
  return events.publish(FundingEvents.exhausted, {
    budgetId: randomUUID(),
    initiativeId: randomUUID(),
    partnerId,
    category: 'mental-health-crisis',
    awardedCents: 5_000_000,
    availableCents: 0,
    costPerCaseCents: 25_000,
  });
}
