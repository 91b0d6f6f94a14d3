import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { Topics } from '../../libs/contracts/src/topics';
import { HandOffTracker, now } from './hand-off-tracker';

const header = (message: KafkaMessage, name: string): string =>
  message.headers?.[name]?.toString() ?? '';

const KINDS: Record<string, 'submitted' | 'assigned' | 'reserved'> = {
  'concord.referral.submitted.v1': 'submitted',
  'concord.referral.assigned.v1': 'assigned',
  'concord.funding.reserved.v1': 'reserved',
};

/**
 * A consumer of the referrals and funding topics in a group of its own, from the end of the
 * topics: it tells the tracker when each referral was submitted, assigned and its funding
 * reserved, matched on the referral id (the subject, or `referralId` of a funding event).
 */
export class EventWatcher {
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly tracker: HandOffTracker,
    private readonly groupId: string,
  ) {}

  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 50 });
    this.consumer = consumer;
    const joined = new Promise<void>((resolve) =>
      consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.referrals, Topics.funding], fromBeginning: false });
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachMessage: async ({ message }) => {
        const kind = KINDS[header(message, 'ce_type')];
        if (!kind) return;
        const referralId =
          kind === 'reserved'
            ? (JSON.parse(message.value?.toString() ?? '{}') as { referralId?: string }).referralId
            : header(message, 'ce_subject');
        if (!referralId) return;
        this.tracker.sawEvent(referralId, kind, {
          ceTime: Date.parse(header(message, 'ce_time')),
          logTime: Number(message.timestamp),
          seenAt: now(),
        });
      },
    });
    await joined;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
