import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The suite's own Kafka broker: deploy/local/kafka.sh on ports of its own (so its own pid,
 * config, logs and data folder), never the development broker on 9092. Each run of the suite
 * starts it on empty storage and stops it at the end, so no run sees another's events and
 * `npm start` afterwards sees none of them.
 */
export const TEST_KAFKA_PORT = Number(process.env.TEST_KAFKA_PORT ?? 29092);
export const TEST_KAFKA_BROKERS = `127.0.0.1:${TEST_KAFKA_PORT}`;

const ROOT = resolve(__dirname, '../..');
const env = {
  ...process.env,
  KAFKA_PORT: String(TEST_KAFKA_PORT),
  KAFKA_CONTROLLER_PORT: String(TEST_KAFKA_PORT + 1),
};
const dataDir = resolve(ROOT, `.cache/kafka/data-${TEST_KAFKA_PORT}`);

function kafka(command: 'start' | 'stop'): void {
  execFileSync('bash', [resolve(ROOT, 'deploy/local/kafka.sh'), command], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Stops whatever an interrupted run left, empties the storage and starts a fresh broker. */
export function startTestBroker(): void {
  kafka('stop');
  rmSync(dataDir, { recursive: true, force: true });
  kafka('start');
}

export function stopTestBroker(): void {
  kafka('stop');
  rmSync(dataDir, { recursive: true, force: true });
}
