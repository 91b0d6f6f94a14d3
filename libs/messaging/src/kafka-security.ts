import { readFileSync } from 'node:fs';
import { ConnectionOptions } from 'node:tls';
import { KafkaConfig, SASLOptions } from 'kafkajs';

/** How a client talks to a Kafka listener, in Kafka's own names (`security.protocol`). */
export const KAFKA_SECURITY_PROTOCOLS = ['PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL'] as const;
export type KafkaSecurityProtocol = (typeof KAFKA_SECURITY_PROTOCOLS)[number];

export const KAFKA_SASL_MECHANISMS = ['SCRAM-SHA-512', 'SCRAM-SHA-256', 'PLAIN'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** The broker connection's settings: KAFKA_SECURITY_PROTOCOL, KAFKA_SSL_* and KAFKA_SASL_*. */
export interface KafkaSecurity {
  readonly protocol: KafkaSecurityProtocol;
  /** PEM file of the CAs to trust; Node's system CAs when not given. */
  readonly caFile?: string;
  /** PEM certificate and private key of the client, for mutual TLS: both or neither. */
  readonly certFile?: string;
  readonly keyFile?: string;
  /** SCRAM-SHA-512 unless given. */
  readonly saslMechanism?: KafkaSaslMechanism;
  readonly username?: string;
  readonly password?: string;
}

export const PLAINTEXT_KAFKA: KafkaSecurity = { protocol: 'PLAINTEXT' };

export const usesTls = (protocol: KafkaSecurityProtocol): boolean =>
  protocol === 'SSL' || protocol === 'SASL_SSL';

export const usesSasl = (protocol: KafkaSecurityProtocol): boolean =>
  protocol === 'SASL_PLAINTEXT' || protocol === 'SASL_SSL';

/** Whether what crosses the connection can be read on the network (no TLS). */
export const isCleartext = (protocol: KafkaSecurityProtocol): boolean => !usesTls(protocol);

const KAFKAJS_MECHANISM = {
  'SCRAM-SHA-512': 'scram-sha-512',
  'SCRAM-SHA-256': 'scram-sha-256',
  PLAIN: 'plain',
} as const;

/**
 * The `ssl` and `sasl` options of a kafkajs client for `security`: the one place the settings
 * become kafkajs's, for the services' KafkaConnection and every tool. `readFile` reads the PEM
 * files named (the file system unless a test gives another); nothing else is touched.
 *
 * A CA file replaces Node's system CAs rather than adding to them, as a private cluster CA
 * should: a certificate from a public CA is then not accepted for the broker.
 */
export function kafkaClientSecurity(
  security: KafkaSecurity,
  readFile: (path: string) => Buffer = readFileSync,
): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  return {
    ...(usesTls(security.protocol) ? { ssl: tlsOptions(security, readFile) } : {}),
    ...(usesSasl(security.protocol) ? { sasl: saslOptions(security) } : {}),
  };
}

function tlsOptions(
  security: KafkaSecurity,
  readFile: (path: string) => Buffer,
): ConnectionOptions {
  const { caFile, certFile, keyFile } = security;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new Error(
      'KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together (mutual TLS): give both or neither',
    );
  }
  return {
    ...(caFile ? { ca: [readFile(caFile)] } : {}),
    ...(certFile && keyFile ? { cert: readFile(certFile), key: readFile(keyFile) } : {}),
  };
}

function saslOptions(security: KafkaSecurity): SASLOptions {
  const { username, password, saslMechanism = 'SCRAM-SHA-512' } = security;
  if (!username || !password) {
    throw new Error(
      `KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required with KAFKA_SECURITY_PROTOCOL=${security.protocol}`,
    );
  }
  return { mechanism: KAFKAJS_MECHANISM[saslMechanism], username, password };
}
