import { DynamicModule } from '@nestjs/common';
import { DataSource, MigrationExecutor } from 'typeorm';
import { JsonLogger } from './json-logger';
import { ServiceConfig } from './service-config';
import { serviceDatabase, servicePlatformOptionsIn } from './service-platform.module';

const CONTEXT = 'Migrations';

/**
 * `node dist/apps/<service>/src/main.js migrate`: runs the pending migrations of the service's
 * database and resolves to the exit code, 0 when they ran or none was pending, 1 when one failed.
 * They run in one transaction, as at start-up, so a failure leaves the schema as it was. Neither
 * HTTP nor Kafka is started: this is the step before a rollout whose instances have
 * MIGRATIONS_AT_START=false (the Kubernetes migrations Job, deploy/README.md).
 */
export async function runMigrations(
  service: string,
  module: DynamicModule,
  config: ServiceConfig,
): Promise<number> {
  const logger = new JsonLogger(service, config.LOG_LEVEL);
  const options = servicePlatformOptionsIn(module);
  if (!options) {
    logger.error(`${service} has no database to migrate (no ServicePlatformModule)`, CONTEXT);
    return 1;
  }
  const dataSource = new DataSource({
    ...serviceDatabase(options),
    migrationsRun: false,
    extra: { max: 1 },
  });
  let pending: string[] = [];
  try {
    await dataSource.initialize();
    pending = (await new MigrationExecutor(dataSource).getPendingMigrations()).map(
      (migration) => migration.name,
    );
    if (pending.length === 0) {
      logger.log('no migration is pending', CONTEXT);
      return 0;
    }
    logger.log(`running ${pending.length} pending migrations: ${pending.join(', ')}`, CONTEXT);
    await dataSource.runMigrations();
    logger.log(`${pending.length} migrations applied`, CONTEXT);
    return 0;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const scope =
      pending.length > 0
        ? `none of the ${pending.length} pending (${pending.join(', ')}) was applied`
        : 'before any ran';
    logger.error(`migrations failed, ${scope}: ${reason}`, CONTEXT);
    return 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}
