import { Consumer, KafkaMessage } from 'kafkajs';
import { ensureTopics, eventually, kafka, uniqueName } from './infrastructure';

export interface RecordedMessage {
  readonly topic: string;
  readonly type: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
  /** Headers and value as text, to look for what must never be on the broker. */
  readonly raw: string;
}

const header = (message: KafkaMessage, name: string): string =>
  message.headers?.[name]?.toString() ?? '';

/** Records every message of some topics from the beginning, to look events up by subject. */
export class TopicRecorder {
  private consumer?: Consumer;
  readonly messages: RecordedMessage[] = [];

  constructor(private readonly topics: string[]) {}

  async start(): Promise<this> {
    await ensureTopics(this.topics);
    this.consumer = kafka.consumer({ groupId: uniqueName('recorder') });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.topics, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const value = message.value?.toString() ?? '{}';
        this.messages.push({
          topic,
          type: header(message, 'ce_type'),
          subject: header(message, 'ce_subject'),
          data: JSON.parse(value) as Record<string, unknown>,
          raw: `${JSON.stringify(
            Object.fromEntries(
              Object.entries(message.headers ?? {}).map(([key, val]) => [key, String(val)]),
            ),
          )} ${value}`,
        });
      },
    });
    return this;
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
