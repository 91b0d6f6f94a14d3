import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { scriptOf } from '@concord/testing';
import { kafkaClientSecurity, KafkaSecurity } from '../../libs/messaging/src/kafka-security';
import { newKafkaClient } from '../../libs/messaging/src/kafka-client';
import { crisisCall, HandOffSystem } from '../support/hand-off-system';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
  freePort,
} from '../support/infrastructure';
import { ServiceProcess } from '../support/service-process';

/**
 * The broker connection secured: deploy/local/kafka.sh with a SASL_SSL listener (SCRAM-SHA-512)
 * whose certificate a CA made here signed, the services reaching it with KAFKA_SECURITY_PROTOCOL
 * and friends, and clients made with kafkaClientSecurity as every Concord client is.
 */
const ROOT = resolve(__dirname, '../..');
// Ports of this test's own broker, apart from the suite's (TEST_KAFKA_PORT) and the chaos run's.
const PLAINTEXT_PORT = Number(process.env.TEST_SASL_SSL_KAFKA_PORT ?? 29540);
const SASL_SSL_PORT = PLAINTEXT_PORT + 2;
const BROKERS = `127.0.0.1:${SASL_SSL_PORT}`;
const USERNAME = 'concord-services';
const PASSWORD = randomBytes(18).toString('base64url');

const brokerEnv = {
  ...process.env,
  KAFKA_PORT: String(PLAINTEXT_PORT),
  KAFKA_CONTROLLER_PORT: String(PLAINTEXT_PORT + 1),
};
const brokerFiles = ['data', 'config', 'logs'].map((kind) =>
  resolve(ROOT, `.cache/kafka/${kind}-${PLAINTEXT_PORT}`),
);

let tls: string;
let caFile: string;

/** A CA, and a certificate it signed for 127.0.0.1 and localhost: the broker's. */
function makeCertificates(dir: string): void {
  const openssl = (args: string) =>
    execFileSync('openssl', args.split(' '), { cwd: dir, stdio: 'pipe' });
  openssl(
    'req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=concord-test-ca -keyout ca.key -out ca.pem',
  );
  openssl('req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout broker.key -out broker.csr');
  writeFileSync(
    join(dir, 'broker.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  );
  openssl(
    'x509 -req -days 2 -in broker.csr -CA ca.pem -CAkey ca.key -CAcreateserial -extfile broker.ext -out broker.pem',
  );
}

function kafkaScript(command: 'start' | 'stop', env: NodeJS.ProcessEnv = brokerEnv): void {
  execFileSync('bash', [resolve(ROOT, 'deploy/local/kafka.sh'), command], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** What a service is given to reach the secured listener. */
const serviceKafkaEnv = (password = PASSWORD): Record<string, string> => ({
  KAFKA_BROKERS: BROKERS,
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SSL_CA_FILE: caFile,
  KAFKA_SASL_USERNAME: USERNAME,
  KAFKA_SASL_PASSWORD: password,
});

const SASL_SSL = (): KafkaSecurity => ({
  protocol: 'SASL_SSL',
  caFile,
  username: USERNAME,
  password: PASSWORD,
});

/** A client of the secured listener as a tool makes one; by default without retries, to see the first refusal. */
const client = (security: KafkaSecurity, retries = 0): Kafka =>
  newKafkaClient({
    clientId: 'sasl-ssl-test',
    brokers: [BROKERS],
    ...kafkaClientSecurity(security),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 5_000,
    retry: { retries },
  });

async function describeCluster(kafka: Kafka): Promise<unknown> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Settings of a production service that are right, so that only the Kafka ones decide. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'http://127.0.0.1:1/never-fetched/jwks.json',
  REFERRALS_MASTER_KEYS: `test:${randomBytes(32).toString('base64')}`,
};

beforeAll(() => {
  tls = mkdtempSync(join(tmpdir(), 'concord-kafka-tls-'));
  makeCertificates(tls);
  caFile = join(tls, 'ca.pem');
  kafkaScript('stop'); // what an interrupted run left
  brokerFiles.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  kafkaScript('start', {
    ...brokerEnv,
    KAFKA_SASL_SSL_PORT: String(SASL_SSL_PORT),
    KAFKA_SASL_SSL_CERT_FILE: join(tls, 'broker.pem'),
    KAFKA_SASL_SSL_KEY_FILE: join(tls, 'broker.key'),
    KAFKA_SCRAM_USERS: `${USERNAME}:${PASSWORD}`,
  });
});

afterAll(() => {
  kafkaScript('stop');
  brokerFiles.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  if (tls) rmSync(tls, { recursive: true, force: true });
});

describe('the broker connection over SASL_SSL (SCRAM-SHA-512)', () => {
  it('a hand-off completes over SASL_SSL', async () => {
    const system = await HandOffSystem.start(
      {},
      { env: serviceKafkaEnv(), kafka: client(SASL_SSL(), 5) },
    );
    try {
      const agencyId = await system.agency();
      const partnerId = await system.partner({
        name: `Secure Crisis Team ${randomUUID().slice(0, 6)}`,
      });
      const initiativeId = await system.initiative(agencyId, [partnerId]);
      await system.agreementInForce(initiativeId, { partnerId });

      const submitted = await system.call(
        system.referrals,
        'POST',
        '/referrals',
        { role: 'dispatcher', org: agencyId },
        crisisCall(),
      );
      expect(submitted.status).toBe(201);
      const id = submitted.body.id as string;
      await system.referralReaches(agencyId, id, 'offered');
      const accepted = await system.call(system.referrals, 'POST', `/referrals/${id}/accept`, {
        role: 'partner',
        org: partnerId,
      });
      expect(accepted.status).toBe(200);
      await system.referralReaches(agencyId, id, 'accepted');

      // Read back from the secured listener: the events crossed it.
      await system.events.waitFor(id, 'concord.referral.accepted.v1');
      expect(system.events.typesAbout(id)).toEqual([
        'concord.referral.submitted.v1',
        'concord.referral.assigned.v1',
        'concord.referral.accepted.v1',
      ]);
    } finally {
      await system.stop();
    }
  });

  it('a client with a wrong password is refused by the broker', async () => {
    await expect(
      describeCluster(client({ ...SASL_SSL(), password: 'not-the-password' })),
    ).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
      message: expect.stringMatching(/SCRAM SHA512 authentication failed/),
    });
  });

  it('a client without TLS cannot talk to the SASL_SSL listener, even with the right password', async () => {
    await expect(
      describeCluster(client({ ...SASL_SSL(), protocol: 'SASL_PLAINTEXT', caFile: undefined })),
    ).rejects.toThrow(/Closed connection/); // the broker hangs up on bytes that are not TLS
  });

  it('a client that does not trust the CA refuses the broker', async () => {
    await expect(describeCluster(client({ ...SASL_SSL(), caFile: undefined }))).rejects.toThrow(
      /unable to verify the first certificate/,
    );
  });

  it('a service with a wrong password reports Kafka down with the reason, never the password', async () => {
    const databaseUrl = await createTestDatabase('sasl_wrong_password');
    const wrong = `wrong-${randomBytes(12).toString('hex')}`;
    const service = new ServiceProcess(scriptOf('referrals'), {
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'debug',
      ...serviceKafkaEnv(wrong),
    }).start();
    try {
      let health: { checks?: { kafka?: { status: string; error?: string } } } = {};
      await eventually('the health endpoint to answer', async () => {
        const response = await fetch(`${service.url}/health`).catch(() => undefined);
        if (!response) return false;
        health = (await response.json()) as typeof health;
        return true;
      });
      expect(health.checks?.kafka).toEqual({
        status: 'down',
        error: expect.stringMatching(/authentication failed/),
      });
      expect(service.output).not.toContain(wrong);
      expect(JSON.stringify(health)).not.toContain(wrong);
    } finally {
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });

  it('production mode refuses PLAINTEXT (exit 78), naming KAFKA_SECURITY_PROTOCOL and KAFKA_ALLOW_PLAINTEXT', async () => {
    const service = new ServiceProcess(scriptOf('referrals'), {
      ...PRODUCTION,
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord_test_never_opened',
    }).start();
    expect(await service.waitForExit()).toBe(78);
    expect(service.output).toMatch(
      /- KAFKA_SECURITY_PROTOCOL: .*PLAINTEXT.*KAFKA_ALLOW_PLAINTEXT=true/,
    );
    expect(service.output.match(/^ *- /gm)).toHaveLength(1);
  });

  it('production mode with KAFKA_ALLOW_PLAINTEXT=true starts on a plaintext broker', async () => {
    const databaseUrl = await createTestDatabase('plaintext_production');
    const service = new ServiceProcess(scriptOf('referrals'), {
      ...PRODUCTION,
      KAFKA_ALLOW_PLAINTEXT: 'true',
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
    });
    try {
      await service.startHealthy();
    } finally {
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });

  it('production mode with SASL_SSL settings starts', async () => {
    const databaseUrl = await createTestDatabase('sasl_production');
    const service = new ServiceProcess(scriptOf('referrals'), {
      ...PRODUCTION,
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'debug',
      ...serviceKafkaEnv(),
    });
    try {
      await service.startHealthy();
      expect(service.output).not.toContain(PASSWORD);
    } finally {
      await service.stop();
      await dropTestDatabase(databaseUrl);
    }
  });
});
