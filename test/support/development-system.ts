import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { logLevel } from 'kafkajs';
import { newKafkaClient } from '../../libs/messaging/src/kafka-client';

/**
 * What `npm start` runs on: the broker on 127.0.0.1:9092 and the concord_<service> databases.
 * The suite records them before the first test (global-setup.ts) and the last test checks that
 * it left nothing there (development-untouched.test.ts).
 */
const DEVELOPMENT_BROKER = { host: '127.0.0.1', port: 9092 };
const DEVELOPMENT_DATABASES = [
  'concord_referrals',
  'concord_agreements',
  'concord_funding',
  'concord_notifications',
  'concord_insights',
];
const PG = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const RECORD = resolve(__dirname, '../../.cache/test-run/development-system.json');

export interface DevelopmentDatabase {
  readonly name: string;
  /** Transactions so far (committed and rolled back): any session in it adds one. */
  readonly transactions: number;
  /** Sessions connected now: a running `npm start` has some. */
  readonly sessions: number;
}

export interface DevelopmentSystem {
  readonly brokerRunning: boolean;
  readonly topics: string[];
  readonly consumerGroups: string[];
  readonly databases: DevelopmentDatabase[];
}

function answers({ host, port }: typeof DEVELOPMENT_BROKER): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

async function databases(): Promise<DevelopmentDatabase[]> {
  const client = new Client({ connectionString: `${PG}/postgres` });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; transactions: string; sessions: number }>(
      `SELECT d.datname AS name, s.xact_commit + s.xact_rollback AS transactions,
              (SELECT count(*)::int FROM pg_stat_activity a WHERE a.datname = d.datname) AS sessions
         FROM pg_database d JOIN pg_stat_database s ON s.datname = d.datname
        WHERE d.datname = ANY($1) ORDER BY d.datname`,
      [DEVELOPMENT_DATABASES],
    );
    return rows.map((row) => ({ ...row, transactions: Number(row.transactions) }));
  } finally {
    await client.end();
  }
}

export async function observeDevelopmentSystem(): Promise<DevelopmentSystem> {
  const brokerRunning = await answers(DEVELOPMENT_BROKER);
  let topics: string[] = [];
  let consumerGroups: string[] = [];
  if (brokerRunning) {
    const admin = newKafkaClient({
      clientId: 'concord-tests-observer',
      brokers: [`${DEVELOPMENT_BROKER.host}:${DEVELOPMENT_BROKER.port}`],
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      topics = (await admin.listTopics()).sort();
      consumerGroups = (await admin.listGroups()).groups.map((group) => group.groupId).sort();
    } finally {
      await admin.disconnect();
    }
  }
  return { brokerRunning, topics, consumerGroups, databases: await databases() };
}

export async function recordDevelopmentSystem(): Promise<void> {
  mkdirSync(resolve(RECORD, '..'), { recursive: true });
  writeFileSync(RECORD, JSON.stringify(await observeDevelopmentSystem(), null, 2));
}

export function recordedDevelopmentSystem(): DevelopmentSystem {
  return JSON.parse(readFileSync(RECORD, 'utf8')) as DevelopmentSystem;
}
