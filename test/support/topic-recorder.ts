import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { ensureTopics, eventually, kafka, uniqueName } from './infrastructure';

export interface RecordedMessage {
  readonly topic: string;
  readonly type: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
  /** Headers and value as text, to look for what must never be on the broker. */
  readonly raw: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly value: string;
}

const header = (message: KafkaMessage, name: string): string =>
  message.headers?.[name]?.toString() ?? '';

/**
 * Records every message of some topics from the beginning, to look events up by subject; on the
 * suite's broker unless given a client of another.
 */
export class TopicRecorder {
  private consumer?: Consumer;
  readonly messages: RecordedMessage[] = [];

  constructor(
    private readonly topics: string[],
    private readonly client: Kafka = kafka,
  ) {}

  /**
   * Subscribes from the beginning. A topic created a moment ago can be missing from the group's
   * first assignment (its partitions are not yet in every broker's metadata), and the group would
   * then never read it; so the recorder checks its assignment and joins again until it has every
   * topic.
   */
  async start(): Promise<this> {
    await ensureTopics(this.topics, this.client);
    for (let attempt = 1; ; attempt++) {
      const assigned = await this.join();
      const missing = this.topics.filter((topic) => !(assigned[topic]?.length > 0));
      if (missing.length === 0) return this;
      await this.stop();
      this.messages.length = 0;
      if (attempt === 5) throw new Error(`the recorder was never assigned ${missing.join(', ')}`);
    }
  }

  /** Joins a new consumer group for the topics; returns the partitions it was assigned. */
  private async join(): Promise<Record<string, number[]>> {
    const consumer = this.client.consumer({ groupId: uniqueName('recorder') });
    this.consumer = consumer;
    let assignment: Record<string, number[]> | undefined;
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      assignment = event.payload.memberAssignment;
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? '{}';
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([key, val]) => [key, String(val)]),
        );
        this.messages.push({
          headers,
          value,
          topic,
          type: header(message, 'ce_type'),
          subject: header(message, 'ce_subject'),
          data: JSON.parse(value) as Record<string, unknown>,
          raw: `${JSON.stringify(headers)} ${value}`,
        });
      },
    });
    await eventually('the recorder to join its group', async () => assignment !== undefined);
    return assignment ?? {};
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }

  about(subject: string): RecordedMessage[] {
    return this.messages.filter((message) => message.subject === subject);
  }

  /**
   * Waits until an event of `type` about `subject` arrived; returns the last such event. Generous:
   * the service under test may first be catching up with the history of its topics.
   */
  async waitFor(subject: string, type: string, timeoutMs = 120_000): Promise<RecordedMessage> {
    await eventually(
      `${type} about ${subject}`,
      async () => this.about(subject).some((message) => message.type === type),
      timeoutMs,
    );
    return this.about(subject)
      .filter((message) => message.type === type)
      .pop() as RecordedMessage;
  }

  typesAbout(subject: string): string[] {
    return this.about(subject).map((message) => message.type);
  }
}
