import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../../../test/support/service-process';

const run = promisify(execFile);

/**
 * Runs `body` in a fresh Node process (the one the tests run on, 24) that has made a Kafka client
 * with newKafkaClient, and returns what it printed on stderr; it exits after 100 ms (kafkajs's
 * unthrottled queue would otherwise re-check itself every millisecond). A child process, because
 * Node's timers warn through the real `process`, which jest's sandbox does not expose.
 */
async function stderrOf(body: string): Promise<string> {
  const script = `
    const { newKafkaClient } = require('./dist/libs/messaging/src/kafka-client');
    const RequestQueue = require('kafkajs/src/network/requestQueue');
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    newKafkaClient({ clientId: 'warning-test', brokers: ['127.0.0.1:1'] });
    ${body}
    setTimeout(() => process.exit(0), 100);
  `;
  const { stderr } = await run(process.execPath, ['-e', script], { cwd: ROOT });
  return stderr;
}

describe('the warning kafkajs causes on Node 24', () => {
  it("is not printed when kafkajs's request queue schedules its check with a negative delay", async () => {
    const stderr = await stderrOf(`
      new RequestQueue({ clientId: 'c', broker: 'b', logger }).scheduleCheckPendingRequests();
    `);

    expect(stderr).not.toContain('TimeoutNegativeWarning');
  });

  it('is still printed for a negative timeout anywhere else', async () => {
    const stderr = await stderrOf('setTimeout(() => {}, -5);');

    expect(stderr).toContain('TimeoutNegativeWarning: -5 is a negative number');
  });

  it('is printed by kafkajs without the filter, so the first test shows the filter working', async () => {
    const script = `
      const RequestQueue = require('kafkajs/src/network/requestQueue');
      const logger = { debug() {}, info() {}, warn() {}, error() {} };
      new RequestQueue({ clientId: 'c', broker: 'b', logger }).scheduleCheckPendingRequests();
      setTimeout(() => process.exit(0), 100);
    `;
    const { stderr } = await run(process.execPath, ['-e', script], { cwd: ROOT });

    expect(stderr).toContain('TimeoutNegativeWarning');
  });
});
