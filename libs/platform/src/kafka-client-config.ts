import { readFileSync } from 'node:fs';
import { Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsDefined,
  IsIn,
  IsNotEmpty,
  IsOptional,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import {
  isCleartext,
  KAFKA_SASL_MECHANISMS,
  KAFKA_SECURITY_PROTOCOLS,
  KafkaSaslMechanism,
  KafkaSecurity,
  KafkaSecurityProtocol,
  usesSasl,
  usesTls,
} from '@concord/messaging';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Why the PEM file at `path` cannot be used, or undefined when it can. */
function pemFileProblem(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return `cannot read ${path} (${(error as Error).message})`;
  }
  return text.includes('-----BEGIN ') ? undefined : `${path} holds no PEM block`;
}

// The constraints below judge a given value only: a missing one is IsDefined's or IsNotEmpty's.

@ValidatorConstraint({ name: 'readablePemFile' })
class ReadablePemFile implements ValidatorConstraintInterface {
  validate(path: unknown): boolean {
    return typeof path !== 'string' || pemFileProblem(path) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a readable PEM file: ${pemFileProblem(String(args.value))}`;
  }
}

/**
 * A setting that only protocols `protocols` use: given with another protocol it is a mistake (a
 * CA file with PLAINTEXT would be silently ignored), refused naming the protocols that use it.
 */
function onlyWith(
  name: string,
  uses: (protocol: KafkaSecurityProtocol) => boolean,
  protocols: string,
): new () => ValidatorConstraintInterface {
  @ValidatorConstraint({ name })
  class OnlyWith implements ValidatorConstraintInterface {
    validate(value: unknown, args: ValidationArguments): boolean {
      return (
        value === undefined || uses((args.object as KafkaClientConfig).KAFKA_SECURITY_PROTOCOL)
      );
    }

    defaultMessage(args: ValidationArguments): string {
      return `${args.property} is used only with KAFKA_SECURITY_PROTOCOL ${protocols}`;
    }
  }
  return OnlyWith;
}

const OnlyWithTls = onlyWith('onlyWithTls', usesTls, 'SSL or SASL_SSL');
const OnlyWithSasl = onlyWith('onlyWithSasl', usesSasl, 'SASL_PLAINTEXT or SASL_SSL');

/**
 * NODE_ENV is a setting of ServiceConfig, not of this class: a service refuses, while a tool that
 * loads this class on its own (loadConfig drops what the class does not declare) connects as told.
 */
@ValidatorConstraint({ name: 'noCleartextInProduction' })
class NoCleartextInProduction implements ValidatorConstraintInterface {
  validate(protocol: KafkaSecurityProtocol, args: ValidationArguments): boolean {
    const config = args.object as KafkaClientConfig & { NODE_ENV?: string };
    return (
      config.NODE_ENV !== 'production' ||
      !KAFKA_SECURITY_PROTOCOLS.includes(protocol) || // an unknown one is IsIn's to report
      !isCleartext(protocol) ||
      config.KAFKA_ALLOW_PLAINTEXT === true
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return (
      `KAFKA_SECURITY_PROTOCOL=${String(args.value)} has no TLS, which production refuses: use SSL ` +
      'or SASL_SSL, or set KAFKA_ALLOW_PLAINTEXT=true if only a private network reaches the broker'
    );
  }
}

/**
 * How a Kafka client reaches the brokers securely: TLS, SASL, and the production rule against a
 * connection without TLS. ServiceConfig extends it; tools that talk to the brokers (the insights
 * rebuild, the benchmark) load it on its own. Validated at start-up like every setting: named
 * files must be readable PEM, and each setting must fit the protocol.
 */
export class KafkaClientConfig {
  /** Kafka's `security.protocol`. */
  @IsIn(KAFKA_SECURITY_PROTOCOLS, {
    message: `KAFKA_SECURITY_PROTOCOL must be one of ${KAFKA_SECURITY_PROTOCOLS.join(', ')}`,
  })
  @Validate(NoCleartextInProduction)
  KAFKA_SECURITY_PROTOCOL: KafkaSecurityProtocol = 'PLAINTEXT';

  /** In production, whether PLAINTEXT or SASL_PLAINTEXT is accepted (a private network's broker). */
  @Transform(toBoolean)
  @IsBoolean({ message: 'KAFKA_ALLOW_PLAINTEXT must be true or false' })
  KAFKA_ALLOW_PLAINTEXT = false;

  /** PEM file of the CA(s) that signed the brokers' certificates; Node's system CAs when unset. */
  @IsOptional()
  @Validate(OnlyWithTls)
  @Validate(ReadablePemFile)
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate for mutual TLS, with KAFKA_SSL_KEY_FILE. */
  @ValidateIf(
    (config: KafkaClientConfig) =>
      config.KAFKA_SSL_KEY_FILE !== undefined || config.KAFKA_SSL_CERT_FILE !== undefined,
  )
  @IsDefined({
    message: 'KAFKA_SSL_CERT_FILE must be set with KAFKA_SSL_KEY_FILE (mutual TLS needs both)',
  })
  @Validate(OnlyWithTls)
  @Validate(ReadablePemFile)
  KAFKA_SSL_CERT_FILE?: string;

  /** PEM private key (not encrypted) of KAFKA_SSL_CERT_FILE. */
  @ValidateIf(
    (config: KafkaClientConfig) =>
      config.KAFKA_SSL_CERT_FILE !== undefined || config.KAFKA_SSL_KEY_FILE !== undefined,
  )
  @IsDefined({
    message: 'KAFKA_SSL_KEY_FILE must be set with KAFKA_SSL_CERT_FILE (mutual TLS needs both)',
  })
  @Validate(OnlyWithTls)
  @Validate(ReadablePemFile)
  KAFKA_SSL_KEY_FILE?: string;

  @IsIn(KAFKA_SASL_MECHANISMS, {
    message: `KAFKA_SASL_MECHANISM must be one of ${KAFKA_SASL_MECHANISMS.join(', ')}`,
  })
  KAFKA_SASL_MECHANISM: KafkaSaslMechanism = 'SCRAM-SHA-512';

  @ValidateIf(
    (config: KafkaClientConfig) =>
      usesSasl(config.KAFKA_SECURITY_PROTOCOL) || config.KAFKA_SASL_USERNAME !== undefined,
  )
  @IsNotEmpty({
    message:
      'KAFKA_SASL_USERNAME is required with KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT or SASL_SSL',
  })
  @Validate(OnlyWithSasl)
  KAFKA_SASL_USERNAME?: string;

  /** Never shown: a setting named *PASSWORD* is a secret (secret-redaction.util.ts). */
  @ValidateIf(
    (config: KafkaClientConfig) =>
      usesSasl(config.KAFKA_SECURITY_PROTOCOL) || config.KAFKA_SASL_PASSWORD !== undefined,
  )
  @IsNotEmpty({
    message:
      'KAFKA_SASL_PASSWORD is required with KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT or SASL_SSL',
  })
  @Validate(OnlyWithSasl)
  KAFKA_SASL_PASSWORD?: string;

  /** The settings as libs/messaging's kafkaClientSecurity takes them. */
  get kafkaSecurity(): KafkaSecurity {
    return {
      protocol: this.KAFKA_SECURITY_PROTOCOL,
      caFile: this.KAFKA_SSL_CA_FILE,
      certFile: this.KAFKA_SSL_CERT_FILE,
      keyFile: this.KAFKA_SSL_KEY_FILE,
      saslMechanism: this.KAFKA_SASL_MECHANISM,
      username: this.KAFKA_SASL_USERNAME,
      password: this.KAFKA_SASL_PASSWORD,
    };
  }
}

/**
 * The broker connection's settings given in `env` (those of KafkaClientConfig), to hand on to a
 * process this one starts, e.g. the services the benchmark runs.
 */
export function kafkaClientEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const names = getMetadataStorage()
    .getTargetValidationMetadatas(KafkaClientConfig, '', true, false)
    .map((metadata) => metadata.propertyName);
  return Object.fromEntries(
    [...new Set(names)].flatMap((name) => (env[name] ? [[name, env[name]]] : [])),
  );
}
