import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBroker } from './kafka-broker';
import { PostgresInstance } from './postgres-instance';
import { scriptOf, ServiceProcess } from '@concord/testing';
import { Service, SERVICES } from './service-process';
import { ChaosSettings } from './settings';

/** The environment every instance of a service gets, as deploy/local/start-all.sh sets it. */
function serviceEnv(
  root: string,
  service: Service,
  postgres: PostgresInstance,
  broker: KafkaBroker,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'development',
    HTTP_HOST: '127.0.0.1',
    DATABASE_URL: `${postgres.url}/concord_${service}`,
    KAFKA_BROKERS: broker.address,
    // Every instance of a service shares one consumer group: a second one splits the partitions.
    KAFKA_GROUP_ID: `chaos-${service}`,
    AUTH_PUBLIC_KEY_FILE: join(root, '.cache/dev-keys/dev-public.pem'),
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOG_LEVEL: 'warn',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    // The receiver is on localhost; it is down for a while in one scenario, so retry often and
    // long enough that an outage of seconds loses nothing.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_MAX_ATTEMPTS: '100',
    WEBHOOK_INITIAL_BACKOFF_MS: '200',
    WEBHOOK_MAX_BACKOFF_MS: '2000',
    WEBHOOK_TIMEOUT_MS: '1000',
  };
}

/**
 * Concord as chaos runs it: its own PostgreSQL cluster, its own broker and every service as its
 * own process (one instance each, more on demand), on ports no other run uses.
 */
export class ChaosSystem {
  readonly postgres: PostgresInstance;
  readonly broker: KafkaBroker;
  /** Every instance started so far, by service; the first is the one the load talks to. */
  readonly instances = new Map<Service, ServiceProcess[]>();
  private nextPort: number;
  readonly logDir: string;

  constructor(
    readonly root: string,
    settings: ChaosSettings,
  ) {
    // Under the system's temporary folder, not the checkout: the cluster belongs to the postgres OS
    // user, who may not be able to enter the folder a clone sits in (mktemp -d is 0700).
    this.postgres = new PostgresInstance(
      join(tmpdir(), `concord-chaos-pg-${settings.postgresPort}`),
      settings.postgresPort,
    );
    this.broker = new KafkaBroker(root, settings.kafkaPort, settings.kafkaControllerPort);
    this.nextPort = settings.firstHttpPort;
    this.logDir = join(root, '.cache/chaos-logs');
    // Each run's logs only: a failure is read against the run that had it.
    rmSync(this.logDir, { recursive: true, force: true });
    mkdirSync(this.logDir, { recursive: true });
  }

  /** Starts from nothing: fresh databases, a broker with no data, one healthy instance of each service. */
  async start(log: (line: string) => void): Promise<void> {
    await this.postgres.start();
    await this.postgres.recreateDatabases(SERVICES.map((service) => `concord_${service}`));
    log(`postgres   own cluster on ${this.postgres.url}, five empty databases`);
    await this.broker.reset();
    await this.broker.start();
    log(`kafka      own broker on ${this.broker.address}, no data`);
    await Promise.all(SERVICES.map((service) => this.addInstance(service)));
    log(`services   ${SERVICES.map((service) => `${service} ${this.url(service)}`).join(', ')}`);
  }

  /** Starts one more instance of `service` in its consumer group and waits until it is healthy. */
  async addInstance(service: Service): Promise<ServiceProcess> {
    const list = this.instances.get(service) ?? [];
    const number = list.length + 1;
    const instance = new ServiceProcess({
      root: this.root,
      script: scriptOf(service),
      name: `${service}#${number}`,
      env: {
        ...serviceEnv(this.root, service, this.postgres, this.broker),
        HTTP_PORT: String(this.nextPort++),
      },
      logFile: join(this.logDir, `${service}-${number}.log`),
      healthyWithinMs: 120_000,
      stopGraceMs: 15_000,
    });
    list.push(instance);
    this.instances.set(service, list);
    await instance.startHealthy();
    return instance;
  }

  instancesOf(service: Service): ServiceProcess[] {
    return this.instances.get(service) ?? [];
  }

  /** The URL of the first running instance (or of the first one, while none runs). */
  url(service: Service): string {
    const list = this.instancesOf(service);
    return (list.find((instance) => instance.running) ?? list[0]).url;
  }

  async stop(): Promise<void> {
    const all = [...this.instances.values()].flat();
    await Promise.all(all.map((instance) => instance.stop()));
    all.forEach((instance) => instance.close());
    await this.broker.stop().catch(() => undefined);
    await this.postgres.stop().catch(() => undefined);
  }
}
