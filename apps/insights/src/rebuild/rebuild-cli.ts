import { parseArgs } from 'node:util';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { KafkaSecurity } from '@concord/messaging';
import { ConfigError, KafkaClientConfig, loadConfig } from '@concord/platform';
import { KpiQuery } from '../kpis/kpi.dto';

export const REBUILD_USAGE = `Usage: node dist/scripts/insights-rebuild.js [--initiative-id <uuid>] [--partner-id <uuid>]
         [--category <category>] [--from <date-time>] [--to <date-time>]

Rebuilds the insights database from every Concord topic, then prints the KPIs (filtered as GET
/kpis would be) as JSON. Stop every insights instance first: the rebuild refuses to run while the
insights consumer group has members.

Environment (the defaults are deploy/local/start-all.sh's):
  DATABASE_URL    postgres://\${PGUSER:-postgres}@\${PGHOST:-127.0.0.1}:\${PGPORT:-5432}/concord_insights
  KAFKA_BROKERS   127.0.0.1:\${KAFKA_PORT:-9092}
  KAFKA_GROUP_ID  the insights service's consumer group, default insights
  KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_CA_FILE, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, ...
                  TLS and SASL as the services take them (deploy/README.md), default PLAINTEXT`;

export interface RebuildSettings {
  databaseUrl: string;
  brokers: string[];
  security: KafkaSecurity;
  consumerGroup: string;
  filters: KpiQuery;
}

export type ParsedRebuildArgs =
  { ok: true; settings: RebuildSettings } | { ok: false; help: boolean; problems: string[] };

/** The rebuild's settings from its command line and environment, or what is wrong with them. */
export function parseRebuildArgs(argv: string[], env: NodeJS.ProcessEnv): ParsedRebuildArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'initiative-id': { type: 'string' },
        'partner-id': { type: 'string' },
        category: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return { ok: false, help: false, problems: [(error as Error).message] };
  }
  if (values.help) return { ok: false, help: true, problems: [] };
  const filters = plainToInstance(KpiQuery, {
    initiativeId: values['initiative-id'],
    partnerId: values['partner-id'],
    category: values.category,
    from: values.from,
    to: values.to,
  });
  const problems = validateSync(filters).flatMap((error) => Object.values(error.constraints ?? {}));
  if (problems.length > 0) return { ok: false, help: false, problems };
  let kafka: KafkaClientConfig;
  try {
    kafka = loadConfig(KafkaClientConfig, env);
  } catch (error) {
    if (error instanceof ConfigError)
      return { ok: false, help: false, problems: [...error.problems] };
    throw error;
  }
  const defined = Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as KpiQuery;
  return {
    ok: true,
    settings: {
      databaseUrl:
        env.DATABASE_URL ||
        `postgres://${env.PGUSER || 'postgres'}@${env.PGHOST || '127.0.0.1'}:${env.PGPORT || '5432'}/concord_insights`,
      brokers: (env.KAFKA_BROKERS || `127.0.0.1:${env.KAFKA_PORT || '9092'}`)
        .split(',')
        .map((broker) => broker.trim())
        .filter(Boolean),
      security: kafka.kafkaSecurity,
      consumerGroup: env.KAFKA_GROUP_ID || 'insights',
      filters: defined,
    },
  };
}
