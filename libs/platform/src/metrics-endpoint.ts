import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { INestApplication, Logger } from '@nestjs/common';
import { metricsRegistry } from '@concord/telemetry';
import { ConfigError } from './load-config';
import { ServiceConfig } from './service-config';

export const METRICS_PATH = '/metrics';

/**
 * Serves `GET /metrics` (Prometheus text format, no token): on METRICS_PORT when it is set, with
 * nothing else on that port; else on the public port, except in production, where the public port
 * must not show the service's insides and metrics are served only on a port of their own.
 * Returns the separate server, for the caller to close with the application.
 */
export async function serveMetrics(
  app: INestApplication,
  config: ServiceConfig,
): Promise<Server | undefined> {
  const logger = new Logger('Metrics');
  if (config.METRICS_PORT === undefined) {
    if (config.NODE_ENV === 'production') {
      logger.warn('metrics are not served: set METRICS_PORT to serve them on a port of their own');
      return undefined;
    }
    app.use(
      METRICS_PATH,
      (request: IncomingMessage, response: ServerResponse) => void answer(request, response),
    );
    return undefined;
  }
  if (config.METRICS_PORT === config.HTTP_PORT) {
    throw new ConfigError([
      `METRICS_PORT must differ from HTTP_PORT (both are ${config.HTTP_PORT})`,
    ]);
  }
  const server = createServer((request, response) => {
    if ((request.url ?? '').split('?')[0] !== METRICS_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    void answer(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.METRICS_PORT, config.HTTP_HOST, () => resolve());
  });
  logger.log(`metrics served on ${config.HTTP_HOST}:${config.METRICS_PORT}${METRICS_PATH}`);
  return server;
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end();
    return;
  }
  try {
    const body = await metricsRegistry.metrics();
    response.writeHead(200, { 'content-type': metricsRegistry.contentType });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`);
  }
}
