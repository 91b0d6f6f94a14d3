import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaClientConfig, kafkaClientEnvironment } from './kafka-client-config';
import { ConfigError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const PASSWORD = 'scram-password-never-shown';

let dir: string;
let ca: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'concord-kafka-config-'));
  ca = join(dir, 'ca.pem');
  writeFileSync(ca, PEM);
  writeFileSync(join(dir, 'client.pem'), PEM);
  writeFileSync(join(dir, 'client.key'), PEM);
  writeFileSync(join(dir, 'not-pem.der'), Buffer.from([0x30, 0x82, 0x01]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SERVICE = {
  HTTP_PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/concord',
  KAFKA_BROKERS: '127.0.0.1:9093',
  AUTH_PUBLIC_KEY_FILE: '/dev/null',
};
const PRODUCTION = {
  ...SERVICE,
  NODE_ENV: 'production',
  AUTH_JWKS_URL: 'https://sso.example.gov/jwks',
};
const SASL_SSL = () => ({
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SSL_CA_FILE: ca,
  KAFKA_SASL_USERNAME: 'concord-referrals',
  KAFKA_SASL_PASSWORD: PASSWORD,
});

/** The configuration error's lines, or [] when the settings load. */
function problems(configClass: new () => object, env: Record<string, string>): string[] {
  try {
    loadConfig(configClass, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
}

describe('the Kafka security settings', () => {
  it('default to PLAINTEXT with no TLS or SASL, as development runs', () => {
    expect(loadConfig(ServiceConfig, SERVICE).kafkaSecurity).toMatchObject({
      protocol: 'PLAINTEXT',
      caFile: undefined,
      username: undefined,
    });
  });

  it('SASL_SSL with a CA file and SCRAM credentials loads, SCRAM-SHA-512 by default', () => {
    expect(loadConfig(KafkaClientConfig, SASL_SSL()).kafkaSecurity).toEqual({
      protocol: 'SASL_SSL',
      caFile: ca,
      certFile: undefined,
      keyFile: undefined,
      saslMechanism: 'SCRAM-SHA-512',
      username: 'concord-referrals',
      password: PASSWORD,
    });
  });

  it('refuses a protocol or mechanism Kafka does not name, listing the ones it does', () => {
    expect(
      problems(KafkaClientConfig, {
        KAFKA_SECURITY_PROTOCOL: 'TLS',
        KAFKA_SASL_MECHANISM: 'SCRAM',
      }),
    ).toEqual([
      'KAFKA_SECURITY_PROTOCOL: KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL (got "TLS")',
      'KAFKA_SASL_MECHANISM: KAFKA_SASL_MECHANISM must be one of SCRAM-SHA-512, SCRAM-SHA-256, PLAIN (got "SCRAM")',
    ]);
  });

  it('with a SASL protocol requires username and password, and never shows the password', () => {
    expect(problems(KafkaClientConfig, { KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' })).toEqual([
      expect.stringMatching(/^KAFKA_SASL_USERNAME: .*required with KAFKA_SECURITY_PROTOCOL/),
      expect.stringMatching(/^KAFKA_SASL_PASSWORD: .*required with KAFKA_SECURITY_PROTOCOL/),
    ]);
    const wrong = problems(KafkaClientConfig, {
      KAFKA_SASL_USERNAME: 'concord',
      KAFKA_SASL_PASSWORD: PASSWORD,
    });
    expect(wrong).toHaveLength(2);
    expect(wrong.join('\n')).toMatch(/KAFKA_SASL_PASSWORD is used only with .*SASL_SSL/);
    expect(wrong.join('\n')).not.toContain(PASSWORD);
  });

  it('names a CA file that does not exist, or is not PEM', () => {
    expect(
      problems(KafkaClientConfig, { ...SASL_SSL(), KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') }),
    ).toEqual([
      expect.stringMatching(
        /^KAFKA_SSL_CA_FILE: KAFKA_SSL_CA_FILE must be a readable PEM file: cannot read .*missing\.pem \(ENOENT/,
      ),
    ]);
    expect(
      problems(KafkaClientConfig, { ...SASL_SSL(), KAFKA_SSL_CA_FILE: join(dir, 'not-pem.der') }),
    ).toEqual([
      expect.stringMatching(/KAFKA_SSL_CA_FILE must be .*not-pem\.der holds no PEM block/),
    ]);
  });

  it('takes a client certificate and key together or not at all', () => {
    const cert = join(dir, 'client.pem');
    const key = join(dir, 'client.key');
    expect(problems(KafkaClientConfig, { ...SASL_SSL(), KAFKA_SSL_CERT_FILE: cert })).toEqual([
      expect.stringMatching(/^KAFKA_SSL_KEY_FILE: .*must be set with KAFKA_SSL_CERT_FILE/),
    ]);
    expect(problems(KafkaClientConfig, { ...SASL_SSL(), KAFKA_SSL_KEY_FILE: key })).toEqual([
      expect.stringMatching(/^KAFKA_SSL_CERT_FILE: .*must be set with KAFKA_SSL_KEY_FILE/),
    ]);
    expect(
      loadConfig(KafkaClientConfig, {
        KAFKA_SECURITY_PROTOCOL: 'SSL',
        KAFKA_SSL_CERT_FILE: cert,
        KAFKA_SSL_KEY_FILE: key,
      }).kafkaSecurity,
    ).toMatchObject({ protocol: 'SSL', certFile: cert, keyFile: key });
  });

  it('refuses TLS files with a protocol without TLS, which would silently not use them', () => {
    expect(
      problems(KafkaClientConfig, { ...SASL_SSL(), KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' }),
    ).toEqual([
      'KAFKA_SSL_CA_FILE: KAFKA_SSL_CA_FILE is used only with KAFKA_SECURITY_PROTOCOL SSL or SASL_SSL (got "' +
        ca +
        '")',
    ]);
  });

  it('in production refuses PLAINTEXT and SASL_PLAINTEXT, naming KAFKA_SECURITY_PROTOCOL and KAFKA_ALLOW_PLAINTEXT', () => {
    expect(problems(ServiceConfig, PRODUCTION)).toEqual([
      expect.stringMatching(
        /^KAFKA_SECURITY_PROTOCOL: KAFKA_SECURITY_PROTOCOL=PLAINTEXT .*production refuses.*KAFKA_ALLOW_PLAINTEXT=true/,
      ),
    ]);
    expect(
      problems(ServiceConfig, {
        ...PRODUCTION,
        KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT',
        KAFKA_SASL_USERNAME: 'concord',
        KAFKA_SASL_PASSWORD: PASSWORD,
      }),
    ).toEqual([
      expect.stringMatching(/^KAFKA_SECURITY_PROTOCOL: KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT/),
    ]);
  });

  it('in production accepts PLAINTEXT with KAFKA_ALLOW_PLAINTEXT=true, and SSL or SASL_SSL without it', () => {
    expect(problems(ServiceConfig, { ...PRODUCTION, KAFKA_ALLOW_PLAINTEXT: 'true' })).toEqual([]);
    expect(problems(ServiceConfig, { ...PRODUCTION, ...SASL_SSL() })).toEqual([]);
    expect(problems(ServiceConfig, { ...PRODUCTION, KAFKA_SECURITY_PROTOCOL: 'SSL' })).toEqual([]);
  });

  it('accepts PLAINTEXT outside production without KAFKA_ALLOW_PLAINTEXT', () => {
    expect(problems(ServiceConfig, { ...SERVICE, NODE_ENV: 'test' })).toEqual([]);
  });

  it('takes KAFKA_ALLOW_PLAINTEXT as true or false only', () => {
    expect(problems(ServiceConfig, { ...PRODUCTION, KAFKA_ALLOW_PLAINTEXT: 'yes' })).toEqual([
      expect.stringMatching(/^KAFKA_SECURITY_PROTOCOL: /),
      'KAFKA_ALLOW_PLAINTEXT: KAFKA_ALLOW_PLAINTEXT must be true or false (got "yes")',
    ]);
  });
});

describe('kafkaClientEnvironment', () => {
  it('picks the broker connection settings given, to hand to a child process', () => {
    expect(
      kafkaClientEnvironment({ ...SERVICE, ...SASL_SSL(), KAFKA_SSL_CERT_FILE: '', PATH: '/bin' }),
    ).toEqual(SASL_SSL());
  });
});
