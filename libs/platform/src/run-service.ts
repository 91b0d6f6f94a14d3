import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { AuditTrail, AuthFailureAuditFilter } from '@concord/audit';
import { TokenVerifier } from '@concord/auth';
import { KafkaConnection, KafkaEventServer, registerMessagingMetrics } from '@concord/messaging';
import { collectProcessMetrics, startTracing, TracingSettingError } from '@concord/telemetry';
import { correlationMiddleware } from './correlation.middleware';
import { DomainErrorFilter } from './domain-error.filter';
import { UnknownRouteFilter } from './unknown-route.filter';
import { EventConsumerStatus } from './event-consumer.status';
import { hardenHttp, LargeBodyRoute } from './http-hardening';
import { httpTelemetry } from './http-telemetry';
import { JsonLogger } from './json-logger';
import { PagesOptions, servePages } from './pages';
import { ConfigError, loadConfig } from './load-config';
import { serveMetrics } from './metrics-endpoint';
import { buildOpenApiDocument, OpenApiInfo, serveOpenApiDocument } from './openapi';
import { ServiceConfig } from './service-config';
import { requestValidationPipe } from './validation.pipe';
import { runMigrations } from './run-migrations';

export interface ServiceSpec<C extends ServiceConfig> {
  readonly service: string;
  readonly configClass: new () => C;
  readonly module: (config: C) => DynamicModule;
  /** Title and description of the service's OpenAPI document (`GET /openapi.json`, `GET /docs`). */
  readonly openApi: OpenApiInfo;
  /** A single-page application the service serves next to its API (the console's). */
  readonly pages?: (config: C) => PagesOptions;
  /** Routes that take bodies larger than HTTP_BODY_LIMIT (data imports), with their own limits. */
  readonly largeBodies?: (config: C) => LargeBodyRoute[];
  /**
   * Routes anyone may call without a token whose callers must stay anonymous: their address is
   * never written to the database (no audit record or shared rate-limit count carries it).
   */
  readonly anonymousRoutes?: RegExp;
  /** Routes that also take an HTML form's body (application/x-www-form-urlencoded). */
  readonly formRoutes?: RegExp;
}

/**
 * Starts one Concord service: validated configuration, JSON logs, HTTP with its OpenAPI document
 * (`GET /openapi.json`, Swagger UI at `GET /docs`), and the Kafka event consumer as a
 * `@nestjs/microservices` custom transport; every HTTP request first passes hardenHttp (security
 * headers, CORS, rate limit, JSON-only bodies within HTTP_BODY_LIMIT). A configuration error stops the process with exit
 * code 78 (EX_CONFIG) and a message naming each bad setting. `main.js migrate` runs the pending
 * migrations instead and exits (run-migrations.ts); any other argument exits 64 (EX_USAGE).
 */
export async function runService<C extends ServiceConfig>(
  spec: ServiceSpec<C>,
): Promise<INestApplication> {
  const command = process.argv[2];
  if (command !== undefined && command !== 'migrate') {
    console.error(`${spec.service}: unknown command ${command} (usage: main.js [migrate])`);
    process.exit(64);
  }
  try {
    const config = loadConfig(spec.configClass);
    if (command === 'migrate') {
      process.exit(await runMigrations(spec.service, spec.module(config), config));
    }
    // Before the HTTP server and the database pool exist: the instrumentations patch their modules.
    await startTracing(spec.service, process.env, {
      anonymousPaths: spec.anonymousRoutes,
    }).catch((error: unknown) => {
      throw error instanceof TracingSettingError ? new ConfigError([error.message]) : error;
    });
    return await startService(spec, config, spec.module(config));
  } catch (error) {
    // Settings that are wrong on their own, or found at start-up not to fit the data (a
    // service's own check, e.g. the master key its personal data is sealed under).
    if (error instanceof ConfigError) {
      console.error(`${spec.service}: ${error.message}`);
      process.exit(78);
    }
    throw error;
  }
}

async function startService<C extends ServiceConfig>(
  spec: ServiceSpec<C>,
  config: C,
  module: DynamicModule,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new JsonLogger(spec.service, config.LOG_LEVEL),
    // hardenHttp installs the one JSON body parser, with the size limit, after the rate limit.
    bodyParser: false,
  });
  app.use(httpTelemetry);
  collectProcessMetrics(spec.service);
  const metricsServer = await serveMetrics(app, config);
  app.use(correlationMiddleware);
  const verifier = app.get(TokenVerifier);
  const pages = spec.pages?.(config);
  hardenHttp(app, config, async (token) => (await verifier.verify(token)).subject, {
    servesPages: pages !== undefined,
    largeBodies: spec.largeBodies?.(config),
    anonymousRoutes: spec.anonymousRoutes,
    formRoutes: spec.formRoutes,
  });
  if (pages) servePages(app, pages);
  app.useGlobalPipes(requestValidationPipe());
  app.useGlobalFilters(
    new UnknownRouteFilter(),
    new DomainErrorFilter(),
    // The auth guard's 401s and 403s, which no interceptor sees, go to the audit trail.
    new AuthFailureAuditFilter(app.get(AuditTrail), app.getHttpAdapter()),
  );
  app.enableShutdownHooks();
  if (config.apiDocsServed) serveOpenApiDocument(app, buildOpenApiDocument(app, spec));

  const server = new KafkaEventServer({
    kafka: app.get(KafkaConnection),
    dataSource: app.get(DataSource),
    resolve: (type) => app.get(type, { strict: false }),
    groupId: config.KAFKA_GROUP_ID,
  });
  app.get(EventConsumerStatus).attach(server);
  registerMessagingMetrics({
    dataSource: app.get(DataSource),
    kafka: app.get(KafkaConnection),
    groupId: server.groupId,
    topics: server.subscribedTopics(),
  });
  app.connectMicroservice({ strategy: server }, { deferInitialization: true });
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  if (metricsServer) app.getHttpServer().once('close', () => metricsServer.close());
  return app;
}
