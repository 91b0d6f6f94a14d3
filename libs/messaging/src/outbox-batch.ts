import { TopicMessages } from 'kafkajs';
import { EnvelopeSigner } from './envelope-signature';

/** One staged event as the relay reads it from `outbox_messages`. */
export interface OutboxRow {
  position: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  payload: object;
}

/**
 * One producer batch from outbox rows read in commit order: a list per topic, each in the order
 * its rows were committed, so that the events of one key reach their partition in that order.
 * The value is serialised here, so a signature covers exactly the bytes the broker gets.
 */
export function topicMessagesOf(
  rows: readonly OutboxRow[],
  signer?: EnvelopeSigner,
): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    const message = {
      key: row.message_key,
      value: JSON.stringify(row.payload),
      headers: row.headers,
    };
    const batch = byTopic.get(row.topic) ?? { topic: row.topic, messages: [] };
    batch.messages.push(signer ? { ...message, headers: signer.sign(message) } : message);
    byTopic.set(row.topic, batch);
  }
  return [...byTopic.values()];
}
