import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { newKafkaClient } from '../../libs/messaging/src/kafka-client';
import { kafkaClientSecurity } from '../../libs/messaging/src/kafka-security';
import { Client } from 'pg';
import { ALL_TOPICS } from '../../libs/contracts/src/topics';
import { SERVICES, ServiceName } from '@concord/testing';
import { BenchSettings } from './settings';

export { SERVICES } from '@concord/testing';
export type { ServiceName } from '@concord/testing';

/** A kafkajs client for the benchmark's own producers, consumers and admin calls. */
export function benchKafka(settings: BenchSettings, clientId = 'concord-bench'): Kafka {
  return newKafkaClient({
    clientId,
    brokers: settings.kafkaBrokers,
    ...kafkaClientSecurity(settings.kafkaSecurity),
    logLevel: logLevel.NOTHING,
  });
}

async function brokerAnswers(settings: BenchSettings): Promise<boolean> {
  const admin = newKafkaClient({
    clientId: 'concord-bench-probe',
    brokers: settings.kafkaBrokers,
    ...kafkaClientSecurity(settings.kafkaSecurity),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/**
 * Uses the broker if it answers; otherwise starts one with deploy/local/kafka.sh on KAFKA_PORT
 * (only when KAFKA_BROKERS was not given, and without TLS or SASL, which that broker does not
 * offer: a named or secured broker that does not answer is an error).
 */
export async function ensureBroker(settings: BenchSettings, root: string): Promise<void> {
  if (await brokerAnswers(settings)) return;
  if (process.env.KAFKA_BROKERS || settings.kafkaSecurity.protocol !== 'PLAINTEXT') {
    throw new Error(
      `no broker answers on ${settings.kafkaBrokers.join(',')} (${settings.kafkaSecurity.protocol})`,
    );
  }
  await run('bash', [join(root, 'deploy/local/kafka.sh'), 'start'], root, {
    ...process.env,
    KAFKA_PORT: String(settings.kafkaPort),
    KAFKA_CONTROLLER_PORT: String(settings.kafkaControllerPort),
  });
}

/** Creates every Concord topic that is missing (three partitions, as the services do). */
export async function ensureTopics(settings: BenchSettings): Promise<void> {
  const admin = benchKafka(settings).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = ALL_TOPICS.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: 3, replicationFactor: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Points each new consumer group at the end of every topic before its service starts: the
 * services subscribe from the beginning, and a reused broker holds the events of earlier runs,
 * which would otherwise be replayed into the fresh databases. One short-lived member per group
 * commits the high watermarks (kafkajs' admin.setOffsets joins the group once per topic, which
 * takes seconds each on a busy machine).
 */
export async function startGroupsAtEnd(settings: BenchSettings, groups: string[]): Promise<void> {
  const kafka = benchKafka(settings);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await Promise.all(
    ALL_TOPICS.map(async (topic) =>
      (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => ({
        topic,
        partition,
        offset: high,
      })),
    ),
  );
  await admin.disconnect();
  await Promise.all(
    groups.map(async (groupId) => {
      const consumer = kafka.consumer({ groupId });
      const joined = new Promise<void>((resolve) =>
        consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
      );
      await consumer.connect();
      await consumer.subscribe({ topics: [...ALL_TOPICS], fromBeginning: false });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await joined;
      await consumer.commitOffsets(ends.flat());
      await consumer.disconnect();
    }),
  );
}

/** Runs one statement against a database (the maintenance one by default). */
export async function sql<R = Record<string, unknown>>(
  settings: BenchSettings,
  database: string,
  statement: string,
  parameters: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: `${settings.postgresUrl}/${database}` });
  await client.connect();
  try {
    return (await client.query(statement, parameters)).rows as R[];
  } finally {
    await client.end();
  }
}

export const databaseOf = (settings: BenchSettings, service: ServiceName): string =>
  `${settings.databasePrefix}_${service}`;

/** Drops and creates the bench databases: every run starts empty. */
export async function freshDatabases(settings: BenchSettings): Promise<void> {
  for (const service of SERVICES) {
    const name = databaseOf(settings, service);
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
    await sql(settings, 'postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await sql(settings, 'postgres', `CREATE DATABASE ${name}`);
  }
}
