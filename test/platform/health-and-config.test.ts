import {
  adminQuery,
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
} from '../support/infrastructure';
import { ServiceProcess } from '../support/service-process';
import { scriptOf } from '@concord/testing';

const REFERRALS = scriptOf('referrals');

interface Health {
  status: 'up' | 'down';
  checks: Record<'database' | 'kafka' | 'consumer', { status: 'up' | 'down'; error?: string }>;
}

async function health(service: ServiceProcess): Promise<{ code: number; body: Health }> {
  const response = await fetch(`${service.url}/health`);
  return { code: response.status, body: (await response.json()) as Health };
}

describe('a service with a wrong or missing setting', () => {
  it('stops at start-up with a message that names each bad setting', async () => {
    const service = new ServiceProcess(REFERRALS, {
      HTTP_PORT: 'eighty',
      KAFKA_BROKERS: 'no-port-here',
      LOG_LEVEL: 'loud',
    }).start();
    expect(await service.waitForExit()).toBe(78);
    expect(service.output).toMatch(/- HTTP_PORT: .*must be an integer number \(got "eighty"\)/);
    expect(service.output).toMatch(/- DATABASE_URL: .*must look like postgres:\/\/.*\(missing\)/);
    expect(service.output).toMatch(
      /- KAFKA_BROKERS: .*must be host:port \(got \["no-port-here"\]\)/,
    );
    expect(service.output).toMatch(/- LOG_LEVEL: .*must be one of .* \(got "loud"\)/);
  });

  it('names AUTH_PUBLIC_KEY_FILE when the key file cannot be read', async () => {
    const service = new ServiceProcess(REFERRALS, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord_test_never_opened',
      AUTH_PUBLIC_KEY_FILE: '/nonexistent/key.pem',
    }).start();
    expect(await service.waitForExit()).toBe(78);
    expect(service.output).toContain('AUTH_PUBLIC_KEY_FILE: cannot read /nonexistent/key.pem');
  });
});

describe('the health endpoint', () => {
  it('reports down, naming Kafka, when the broker does not answer', async () => {
    const databaseUrl = await createTestDatabase('health_kafka');
    const service = new ServiceProcess(REFERRALS, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
    }).start();
    try {
      await eventually('the HTTP server to answer', async () =>
        fetch(`${service.url}/health`).then(
          () => true,
          () => false,
        ),
      );
      const { code, body } = await health(service);
      expect(code).toBe(503);
      expect(body.status).toBe('down');
      expect(body.checks.kafka.status).toBe('down');
      expect(body.checks.database.status).toBe('up');
    } finally {
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });

  it('reports down, naming the database, while the database refuses connections, and up again after', async () => {
    const databaseUrl = await createTestDatabase('health_db');
    const database = databaseUrl.slice(databaseUrl.lastIndexOf('/') + 1);
    const service = new ServiceProcess(REFERRALS, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
    });
    try {
      await service.startHealthy();
      expect((await health(service)).code).toBe(200);

      await adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await adminQuery(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}'`,
      );
      const down = await health(service);
      expect(down.code).toBe(503);
      expect(down.body.checks.database.status).toBe('down');
      expect(down.body.checks.kafka.status).toBe('up');

      await adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await eventually('health to recover', async () => (await health(service)).code === 200);
    } finally {
      await adminQuery(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });
});

describe('a service told to stop', () => {
  it('runs its shutdown hooks and ends by SIGTERM itself, without needing SIGKILL', async () => {
    const databaseUrl = await createTestDatabase('shutdown');
    const service = new ServiceProcess(REFERRALS, {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
    });
    try {
      await service.startHealthy();
      // stop() sends SIGTERM and only falls back to SIGKILL (exit 137) after 10 s.
      await service.stop();
      expect(service.exitCode).toBe(128 + 15);
    } finally {
      await dropTestDatabase(databaseUrl);
    }
  });
});
