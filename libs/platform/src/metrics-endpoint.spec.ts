import { INestApplication } from '@nestjs/common';
import { ConfigError } from './load-config';
import { serveMetrics } from './metrics-endpoint';
import { ServiceConfig } from './service-config';

describe('where GET /metrics is served', () => {
  const appServing = () => {
    const paths: string[] = [];
    const app = { use: (path: string) => void paths.push(path) } as unknown as INestApplication;
    return { app, paths };
  };
  const config = (settings: Partial<ServiceConfig>): ServiceConfig =>
    Object.assign(new ServiceConfig(), { HTTP_PORT: 3001, HTTP_HOST: '127.0.0.1', ...settings });

  it('serves them on the public port in development when METRICS_PORT is unset', async () => {
    const { app, paths } = appServing();
    expect(await serveMetrics(app, config({ NODE_ENV: 'development' }))).toBeUndefined();
    expect(paths).toEqual(['/metrics']);
  });

  it('does not serve them on the public port in production', async () => {
    const { app, paths } = appServing();
    expect(await serveMetrics(app, config({ NODE_ENV: 'production' }))).toBeUndefined();
    expect(paths).toEqual([]);
  });

  it('serves them on METRICS_PORT alone when it is set, in production too', async () => {
    const { app, paths } = appServing();
    const server = await serveMetrics(app, config({ NODE_ENV: 'production', METRICS_PORT: 0 }));
    try {
      expect(paths).toEqual([]);
      const { port } = server!.address() as { port: number };
      const answer = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect([answer.status, answer.headers.get('content-type')]).toEqual([
        200,
        'text/plain; version=0.0.4; charset=utf-8',
      ]);
      expect((await fetch(`http://127.0.0.1:${port}/referrals`)).status).toBe(404);
    } finally {
      server?.close();
    }
  });

  it('refuses METRICS_PORT equal to HTTP_PORT, naming both', async () => {
    const { app } = appServing();
    await expect(serveMetrics(app, config({ METRICS_PORT: 3001 }))).rejects.toThrow(
      new ConfigError(['METRICS_PORT must differ from HTTP_PORT (both are 3001)']),
    );
  });
});
