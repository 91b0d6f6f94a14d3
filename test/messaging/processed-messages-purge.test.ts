import { DataSource } from 'typeorm';
import {
  MessagingOptions,
  MessagingTables1763780000000,
  ProcessedMessagesAge1765000000000,
  ProcessedMessagesPurge,
} from '@concord/messaging';
import { createTestDatabase, dropTestDatabase } from '../support/infrastructure';

/** Consumed event ids are remembered for the retention and forgotten after it. */
describe('the purge of processed message ids', () => {
  let databaseUrl: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase('processed_purge');
    dataSource = await new DataSource({
      type: 'postgres',
      url: databaseUrl,
      migrations: [MessagingTables1763780000000, ProcessedMessagesAge1765000000000],
      migrationsRun: true,
    }).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropTestDatabase(databaseUrl);
  });

  it('deletes the ids older than the retention and keeps the younger ones', async () => {
    await dataSource.query(
      `INSERT INTO processed_messages (consumer, message_id, processed_at)
       SELECT 'funding', 'old-' || n, now() - interval '8 days' FROM generate_series(1, 25) n
       UNION ALL
       SELECT 'funding', 'young-' || n, now() - interval '6 days' FROM generate_series(1, 5) n
       UNION ALL
       SELECT 'funding', 'new-' || n, now() FROM generate_series(1, 5) n`,
    );
    const purge = new ProcessedMessagesPurge(dataSource, {
      processedRetentionDays: 7,
    } as MessagingOptions);

    expect(await purge.purgeBatch()).toBeUndefined();

    const left = (await dataSource.query(
      `SELECT split_part(message_id, '-', 1) AS age, count(*)::int AS count
         FROM processed_messages GROUP BY 1 ORDER BY 1`,
    )) as { age: string; count: number }[];
    expect(left).toEqual([
      { age: 'new', count: 5 },
      { age: 'young', count: 5 },
    ]);
  });
});
