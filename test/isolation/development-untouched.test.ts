import { observeDevelopmentSystem, recordedDevelopmentSystem } from '../support/development-system';

/**
 * `npm test` runs on its own broker and its own concord_test_* databases, so that `npm start`
 * afterwards replays nothing of it. Runs after every other test (test-sequencer.js) and compares
 * the development system with what global-setup.ts recorded before the first.
 */
describe('the development system after the whole suite', () => {
  const before = recordedDevelopmentSystem();
  let after: Awaited<ReturnType<typeof observeDevelopmentSystem>>;

  beforeAll(async () => {
    after = await observeDevelopmentSystem();
  });

  it('has no broker on 9092 that the suite started', () => {
    if (!before.brokerRunning) expect(after.brokerRunning).toBe(false);
  });

  it('has no topic and no consumer group that the suite made on the development broker', () => {
    const made = (now: string[], then: string[]) => now.filter((name) => !then.includes(name));

    expect(made(after.topics, before.topics)).toEqual([]);
    expect(made(after.consumerGroups, before.consumerGroups)).toEqual([]);
  });

  it('has no development database that the suite created, and none it wrote to or read', () => {
    expect(after.databases.map((db) => db.name)).toEqual(before.databases.map((db) => db.name));
    for (const db of after.databases) {
      const then = before.databases.find((earlier) => earlier.name === db.name);
      // With `npm start` running, its own sessions move the counters; only a quiet database
      // says whether the suite opened a session in it.
      if (then && then.sessions === 0 && db.sessions === 0) {
        expect({ name: db.name, transactions: db.transactions }).toEqual({
          name: db.name,
          transactions: then.transactions,
        });
      }
    }
  });
});
