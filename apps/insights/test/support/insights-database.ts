import { DataSource } from 'typeorm';
import { MESSAGING_ENTITIES, MessagingTables1763780000000 } from '@concord/messaging';
import { createTestDatabase, dropTestDatabase } from '../../../../test/support/infrastructure';
import { INSIGHTS_ENTITIES } from '../../src/insights.entities';
import { INSIGHTS_MIGRATIONS } from '../../src/migrations';

/**
 * A throw-away database with the insights schema (the messaging tables first), for the tests that
 * drive the projection and the read models directly, without the service or the broker.
 */
export async function openInsightsDatabase(prefix: string): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: await createTestDatabase(prefix),
    entities: [...MESSAGING_ENTITIES, ...INSIGHTS_ENTITIES],
    migrations: [MessagingTables1763780000000, ...INSIGHTS_MIGRATIONS],
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}

/** Closes the data source and drops its database. */
export async function dropInsightsDatabase(dataSource: DataSource | undefined): Promise<void> {
  if (!dataSource) return;
  const { url } = dataSource.options as { url: string };
  await dataSource.destroy();
  await dropTestDatabase(url);
}
