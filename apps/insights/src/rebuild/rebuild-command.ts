import { logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { concordCatalogue } from '@concord/contracts';
import {
  kafkaClientSecurity,
  MESSAGING_ENTITIES,
  MessagingTables1763780000000,
  newKafkaClient,
} from '@concord/messaging';
import { INSIGHTS_ENTITIES } from '../insights.entities';
import { readKpiReport } from '../kpis/kpi-report.query';
import { INSIGHTS_MIGRATIONS } from '../migrations';
import { ProgressBar } from './progress-bar';
import { parseRebuildArgs, REBUILD_USAGE } from './rebuild-cli';
import { rebuildReadModels, RebuildRefused } from './read-model-rebuild';

const EX_USAGE = 64;
const EX_TEMPFAIL = 75;

/**
 * `npm run insights:rebuild`: rebuilds the insights database (event log, KPI read models,
 * processed messages) from every Concord topic and prints the KPIs as JSON on stdout; progress
 * and a summary go to stderr. Returns the exit code.
 */
export async function rebuildCommand(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseRebuildArgs(argv, env);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${REBUILD_USAGE}\n`);
      return 0;
    }
    console.error(`insights-rebuild: ${parsed.problems.join('; ')}\n\n${REBUILD_USAGE}`);
    return EX_USAGE;
  }
  const { settings } = parsed;
  const dataSource = new DataSource({
    type: 'postgres',
    url: settings.databaseUrl,
    entities: [...MESSAGING_ENTITIES, ...INSIGHTS_ENTITIES],
    migrations: [MessagingTables1763780000000, ...INSIGHTS_MIGRATIONS],
    synchronize: false,
    extra: { max: 4 },
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const kafka = newKafkaClient({
      clientId: 'insights-rebuild',
      brokers: settings.brokers,
      ...kafkaClientSecurity(settings.security),
      logLevel: logLevel.ERROR,
    });
    const progress = new ProgressBar(process.stderr, 'insights rebuild');
    const started = Date.now();
    const summary = await rebuildReadModels({
      dataSource,
      kafka,
      consumerGroup: settings.consumerGroup,
      catalogue: concordCatalogue(),
      onProgress: (done, total) => progress.update(done, total),
      onError: (line) => {
        progress.finish();
        console.error(line);
      },
    }).finally(() => progress.finish());
    console.error(
      `insights rebuild: ${summary.read} of ${summary.total} messages in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${summary.recorded} recorded, ${summary.duplicates} duplicates, ` +
        `${summary.skipped} skipped (dead letters), ${summary.failed} failed`,
    );
    const kpis = await dataSource.transaction('REPEATABLE READ', (manager) =>
      readKpiReport(manager, settings.filters),
    );
    process.stdout.write(`${JSON.stringify(kpis, null, 2)}\n`);
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof RebuildRefused) {
      console.error(`insights-rebuild: ${error.message}`);
      return EX_TEMPFAIL;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}
