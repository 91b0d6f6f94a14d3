import { deadLetterTopicOf } from '@concord/contracts';
import { KafkaConnection } from './kafka-connection';

/** Headers a dead letter carries besides the original message's own. */
export const DeadLetterHeaders = {
  error: 'concord_dlq_error',
  errorName: 'concord_dlq_error_name',
  attempts: 'concord_dlq_attempts',
  consumer: 'concord_dlq_consumer',
  topic: 'concord_dlq_original_topic',
  partition: 'concord_dlq_original_partition',
  offset: 'concord_dlq_original_offset',
  failedAt: 'concord_dlq_failed_at',
} as const;

export interface FailedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string;
  readonly value: Buffer | null;
  readonly headers: Record<string, string>;
}

export async function sendToDeadLetterTopic(
  kafka: KafkaConnection,
  consumer: string,
  message: FailedMessage,
  error: unknown,
  attempts: number,
): Promise<void> {
  const topic = deadLetterTopicOf(message.topic);
  await kafka.ensureTopics([topic]);
  const producer = await kafka.getProducer();
  const failure = error instanceof Error ? error : new Error(String(error));
  await producer.send({
    topic,
    acks: -1,
    messages: [
      {
        key: message.key,
        value: message.value,
        headers: {
          ...message.headers,
          [DeadLetterHeaders.error]: failure.message.slice(0, 4000),
          [DeadLetterHeaders.errorName]: failure.name,
          [DeadLetterHeaders.attempts]: String(attempts),
          [DeadLetterHeaders.consumer]: consumer,
          [DeadLetterHeaders.topic]: message.topic,
          [DeadLetterHeaders.partition]: String(message.partition),
          [DeadLetterHeaders.offset]: message.offset,
          [DeadLetterHeaders.failedAt]: new Date().toISOString(),
        },
      },
    ],
  });
}
