import { DynamicModule, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSourceOptions, MixedList } from 'typeorm';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS, AuditModule } from '@concord/audit';
import { AuthModule } from '@concord/auth';
import { concordCatalogue, EventCatalogue } from '@concord/contracts';
import {
  EventManifest,
  MESSAGING_ENTITIES,
  MessagingModule,
  MessagingTables1763780000000,
  ProcessedMessagesAge1765000000000,
  parseSigningKeys,
} from '@concord/messaging';
import { stopTracing } from '@concord/telemetry';
import { describeDomainError } from './domain-error.filter';
import { EventConsumerStatus } from './event-consumer.status';
import { authOptionsFrom } from './auth-options';
import { HealthController } from './health.controller';
import { ServiceConfig } from './service-config';
import { PreparedStatementsClient } from './prepared-statements';
import { RateLimitCounts1765300000000 } from './rate-limit-counts.migration';

/** Exports the spans still buffered when the service stops (a no-op with tracing off). */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  onApplicationShutdown(): Promise<void> {
    return stopTracing();
  }
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Constructor = Function;

export interface ServicePlatformOptions {
  /** The service's event manifest (apps/<service>/src/events): its name, what it publishes and handles. */
  readonly events: EventManifest;
  readonly config: ServiceConfig;
  readonly entities?: Constructor[];
  readonly migrations?: MixedList<Constructor>;
  readonly catalogue?: EventCatalogue;
}

/** Where a service's module keeps the options it gave ServicePlatformModule (servicePlatformOptionsIn). */
export const SERVICE_PLATFORM_OPTIONS = Symbol('SERVICE_PLATFORM_OPTIONS');

/**
 * A service's database as TypeORM sees it: the platform's tables (outbox, processed messages,
 * retries, audit records, rate-limit counts) and the service's own, with every migration in order; they run at
 * start-up unless MIGRATIONS_AT_START=false.
 */
export function serviceDatabase(options: ServicePlatformOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.config.DATABASE_URL,
    entities: [...MESSAGING_ENTITIES, ...AUDIT_ENTITIES, ...(options.entities ?? [])],
    migrations: [
      MessagingTables1763780000000,
      ProcessedMessagesAge1765000000000,
      ...AUDIT_MIGRATIONS,
      RateLimitCounts1765300000000,
      ...((options.migrations as Constructor[]) ?? []),
    ],
    migrationsRun: options.config.migrationsAtStart,
    synchronize: false,
    // Parameterised statements are prepared once per connection (prepared-statements.ts).
    extra: { max: 10, Client: PreparedStatementsClient },
  };
}

/**
 * The options a service's module (`ServiceSpec.module`) gives ServicePlatformModule, found among
 * its imports without starting anything: what `main.js migrate` migrates is what start-up would.
 */
export function servicePlatformOptionsIn(
  module: DynamicModule,
): ServicePlatformOptions | undefined {
  for (const imported of module.imports ?? []) {
    if (typeof imported !== 'object' || !('module' in imported)) continue;
    if (imported.module === ServicePlatformModule) {
      const provider = imported.providers?.find(
        (candidate) =>
          typeof candidate === 'object' && candidate.provide === SERVICE_PLATFORM_OPTIONS,
      );
      return provider && 'useValue' in provider
        ? (provider.useValue as ServicePlatformOptions)
        : undefined;
    }
    const nested = servicePlatformOptionsIn(imported);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * What every Concord service stands on: its own database (serviceDatabase), the messaging
 * library, bearer-token auth, the audit trail, the shared rate-limit counts
 * (RATE_LIMIT_STORE=postgres) and the health endpoint.
 */
@Module({})
export class ServicePlatformModule {
  static forRoot(options: ServicePlatformOptions): DynamicModule {
    const { config, events } = options;
    return {
      module: ServicePlatformModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(serviceDatabase(options)),
        MessagingModule.forRoot({
          service: events.service,
          manifest: events,
          brokers: config.KAFKA_BROKERS,
          security: config.kafkaSecurity,
          catalogue: options.catalogue ?? concordCatalogue(),
          partitions: config.KAFKA_PARTITIONS,
          retry: {
            maxAttempts: config.EVENT_MAX_ATTEMPTS,
            initialBackoffMs: config.EVENT_RETRY_BACKOFF_MS,
          },
          signingKeys: parseSigningKeys(config.EVENT_SIGNING_KEYS),
          processedRetentionDays: config.PROCESSED_MESSAGES_RETENTION_DAYS,
        }),
        AuthModule.forRoot(authOptionsFrom(config)),
        AuditModule.forRoot({
          service: events.service,
          retentionDays: config.AUDIT_RETENTION_DAYS,
          purgeIntervalMs: config.AUDIT_PURGE_INTERVAL_MS,
          describeError: describeDomainError,
        }),
      ],
      controllers: [HealthController],
      providers: [
        EventConsumerStatus,
        TracingShutdown,
        { provide: SERVICE_PLATFORM_OPTIONS, useValue: options },
      ],
      exports: [EventConsumerStatus, AuthModule],
    };
  }
}
