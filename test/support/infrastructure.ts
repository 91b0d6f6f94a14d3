import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Client } from 'pg';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { newKafkaClient } from '../../libs/messaging/src/kafka-client';
import { TEST_KAFKA_BROKERS } from './test-broker';

/** The suite's own broker (test-broker.ts), whatever KAFKA_BROKERS the shell has. */
export const KAFKA_BROKERS = TEST_KAFKA_BROKERS;
const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';

export const kafka = newKafkaClient({
  clientId: 'concord-tests',
  brokers: KAFKA_BROKERS.split(','),
  logLevel: logLevel.NOTHING,
});

export function uniqueName(prefix: string): string {
  return `${prefix}_${randomUUID().slice(0, 8)}`;
}

/** A fresh, empty database for one test; returns its URL. */
export async function createTestDatabase(prefix: string): Promise<string> {
  const name = uniqueName(`concord_test_${prefix}`).replace(/-/g, '_');
  await adminQuery(`CREATE DATABASE ${name}`);
  return `${PG}/${name}`;
}

export async function dropTestDatabase(url: string): Promise<void> {
  const name = url.slice(url.lastIndexOf('/') + 1);
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${PG}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function query<R>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as R[];
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

import { eventually } from '@concord/testing';

export { eventually };

/** Publishes one message exactly as given, bypassing the outbox and its envelope: forged or malformed input. */
export async function produceRaw(
  topic: string,
  key: string,
  value: string,
  headers: Record<string, string>,
): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ key, value, headers }] });
  } finally {
    await producer.disconnect();
  }
}

/** Creates the topics that do not exist yet: on a fresh broker, subscribing to one would fail. */
export async function ensureTopics(
  topics: readonly string[],
  client: Kafka = kafka,
): Promise<void> {
  const admin = client.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions: 3 })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Reads every message on `topic` from the beginning, for `settleMs` after the last one arrived. */
export async function readTopic(
  topic: string,
  untilCount: number,
  timeoutMs = 30_000,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: uniqueName('reader') });
  const messages: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
    await eventually(
      `${untilCount} message(s) on ${topic}`,
      async () => messages.length >= untilCount,
      timeoutMs,
    );
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
