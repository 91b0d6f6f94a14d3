import { kafkaClientSecurity, KafkaSecurity } from './kafka-security';

const FILES: Record<string, string> = {
  '/tls/ca.pem': 'CA CERTIFICATE',
  '/tls/client.pem': 'CLIENT CERTIFICATE',
  '/tls/client.key': 'CLIENT KEY',
};
const read: (path: string) => Buffer = (path) => {
  if (!(path in FILES)) throw new Error(`ENOENT: ${path}`);
  return Buffer.from(FILES[path]);
};
const translate = (security: KafkaSecurity) => kafkaClientSecurity(security, read);
const text = (value: unknown) => (Array.isArray(value) ? value.map(String) : String(value));

const CREDENTIALS = { username: 'concord-referrals', password: 'a-long-scram-password' };

describe('kafkaClientSecurity', () => {
  it('PLAINTEXT gives kafkajs neither TLS nor SASL, and reads no file', () => {
    const reads: string[] = [];
    const config = kafkaClientSecurity({ protocol: 'PLAINTEXT', ...CREDENTIALS }, (path) => {
      reads.push(path);
      return Buffer.from('');
    });
    expect(config).toEqual({});
    expect(reads).toEqual([]);
  });

  it('SSL without a CA file trusts the system CAs: TLS with no options of its own', () => {
    expect(translate({ protocol: 'SSL' })).toEqual({ ssl: {} });
  });

  it('SSL with a CA file trusts that CA only', () => {
    const { ssl, sasl } = translate({ protocol: 'SSL', caFile: '/tls/ca.pem' });
    expect(sasl).toBeUndefined();
    expect(typeof ssl === 'object' && text(ssl.ca)).toEqual(['CA CERTIFICATE']);
  });

  it('SSL with a client certificate and key presents them (mutual TLS)', () => {
    const { ssl } = translate({
      protocol: 'SSL',
      caFile: '/tls/ca.pem',
      certFile: '/tls/client.pem',
      keyFile: '/tls/client.key',
    });
    expect(typeof ssl === 'object' && [text(ssl.cert), text(ssl.key)]).toEqual([
      'CLIENT CERTIFICATE',
      'CLIENT KEY',
    ]);
  });

  it('refuses a client certificate without its key, or a key without its certificate', () => {
    expect(() => translate({ protocol: 'SSL', certFile: '/tls/client.pem' })).toThrow(
      /KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE/,
    );
    expect(() => translate({ protocol: 'SSL', keyFile: '/tls/client.key' })).toThrow(
      /KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE/,
    );
  });

  it('SASL_SSL is TLS plus SCRAM-SHA-512 unless another mechanism is given', () => {
    expect(translate({ protocol: 'SASL_SSL', caFile: '/tls/ca.pem', ...CREDENTIALS })).toEqual({
      ssl: { ca: [Buffer.from('CA CERTIFICATE')] },
      sasl: { mechanism: 'scram-sha-512', ...CREDENTIALS },
    });
  });

  it.each([
    ['SCRAM-SHA-512', 'scram-sha-512'],
    ['SCRAM-SHA-256', 'scram-sha-256'],
    ['PLAIN', 'plain'],
  ] as const)('names the mechanism %s as kafkajs does (%s)', (mechanism, kafkajs) => {
    expect(
      translate({ protocol: 'SASL_SSL', saslMechanism: mechanism, ...CREDENTIALS }).sasl,
    ).toEqual({ mechanism: kafkajs, ...CREDENTIALS });
  });

  it('SASL_PLAINTEXT authenticates without TLS', () => {
    expect(translate({ protocol: 'SASL_PLAINTEXT', ...CREDENTIALS })).toEqual({
      sasl: { mechanism: 'scram-sha-512', ...CREDENTIALS },
    });
  });

  it('refuses SASL without a username or a password, naming both settings', () => {
    for (const missing of [{ username: undefined }, { password: '' }]) {
      expect(() => translate({ protocol: 'SASL_SSL', ...CREDENTIALS, ...missing })).toThrow(
        'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SECURITY_PROTOCOL=SASL_SSL',
      );
    }
  });

  it('passes a file it cannot read on as an error naming the file', () => {
    expect(() => translate({ protocol: 'SSL', caFile: '/tls/missing.pem' })).toThrow(
      '/tls/missing.pem',
    );
  });
});
