import { DataSource } from 'typeorm';
import { MessagingTables1763780000000 } from '@concord/messaging';
import { RetryStore } from '../../libs/messaging/src/retry-store';
import { createTestDatabase, dropTestDatabase } from '../support/infrastructure';

const message = (key: string, offset: string) => ({
  topic: 'concord.test.v1',
  partition: 0,
  offset,
  key,
  value: Buffer.from('{}'),
  headers: {},
});

/** When the retry worker's next round is due: it sleeps until then, so this must be right. */
describe('the next due retry', () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let retries: RetryStore;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('retry_store');
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations: [MessagingTables1763780000000],
      migrationsRun: true,
    }).initialize();
    retries = new RetryStore(dataSource, 'funding');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropTestDatabase(databaseUrl);
  });

  it('is none when no message waits (the worker sleeps until its sweep)', async () => {
    expect(await retries.nextDueInMs()).toBeNull();
  });

  it("is the first in line's delay, not that of a message waiting behind it", async () => {
    await retries.add(message('budget-1', '10'), 1, 60_000);
    await retries.add(message('budget-1', '11'), 0, 0);
    const ms = await retries.nextDueInMs();
    expect(ms).toBeGreaterThan(55_000);
    expect(ms).toBeLessThanOrEqual(60_000);
  });

  it('is now when the first in line is due', async () => {
    await retries.add(message('budget-2', '12'), 1, 0);
    expect(await retries.nextDueInMs()).toBe(0);
  });
});
