import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { logLevel } from 'kafkajs';
import { newKafkaClient } from '../src/kafka-client';
import { ensureTopics, KAFKA_BROKERS } from '../../../test/support/infrastructure';
import { ROOT } from '../../../test/support/service-process';

const run = promisify(execFile);

interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}
type RequestQueueClass = {
  new (options: object): RequestQueue;
  prototype: RequestQueue;
};

const logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * kafkajs's request queue as newKafkaClient leaves it (libs/messaging/src/kafka-client.ts): a
 * queue with nothing waiting arms no timer, where kafkajs 2.2.4 re-checked it every millisecond.
 */
describe("kafkajs's request queue", () => {
  // Made first, so that the class below is the one it fixed (this test's module registry).
  const kafka = newKafkaClient({
    clientId: 'request-queue-test',
    brokers: KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as RequestQueueClass;
  const newQueue = () => new RequestQueue({ clientId: 'c', broker: 'b', logger });

  it('arms no timer when no request waits', () => {
    const queue = newQueue();
    queue.scheduleCheckPendingRequests();
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  /** Arms the queue's check with a request waiting; returns the check, a mock. */
  const armed = (throttledForMs?: number) => {
    const queue = newQueue();
    const check = jest.fn();
    queue.checkPendingRequests = check;
    queue.pending.push({});
    if (throttledForMs !== undefined) queue.throttledUntil = Date.now() + throttledForMs;
    queue.scheduleCheckPendingRequests();
    return check;
  };

  it('checks a waiting request again when the throttle ends, not before', () => {
    jest.useFakeTimers();
    try {
      const check = armed(50);
      jest.advanceTimersByTime(49);
      expect(check).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('checks a waiting request again after 10 ms when nothing throttles it', () => {
    jest.useFakeTimers();
    try {
      const check = armed();
      jest.advanceTimersByTime(9);
      expect(check).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('of a producer that sent a message is not checked again while it idles', async () => {
    const topic = `concord.test.request-queue.${randomUUID()}`;
    await ensureTopics([topic]);
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ value: 'one' }] });
      const checks = jest.spyOn(RequestQueue.prototype, 'checkPendingRequests');
      await new Promise((resolve) => setTimeout(resolve, 500));
      // kafkajs 2.2.4 made about one check a millisecond here, on each connection.
      expect(checks.mock.calls.length).toBeLessThan(5);
      checks.mockRestore();
    } finally {
      await producer.disconnect();
    }
  });

  it('no longer makes Node 24 print TimeoutNegativeWarning', async () => {
    const script = `
      const { newKafkaClient } = require('./dist/libs/messaging/src/kafka-client');
      const RequestQueue = require('kafkajs/src/network/requestQueue');
      const logger = { debug() {}, info() {}, warn() {}, error() {} };
      newKafkaClient({ clientId: 'warning-test', brokers: ['127.0.0.1:1'] });
      new RequestQueue({ clientId: 'c', broker: 'b', logger }).scheduleCheckPendingRequests();
      setTimeout(() => process.exit(0), 100);
    `;
    const { stderr } = await run(process.execPath, ['-e', script], { cwd: ROOT });
    expect(stderr).not.toContain('TimeoutNegativeWarning');
  });
});
