import { randomUUID } from 'node:crypto';
import { concordCatalogue } from '../../libs/contracts/src/catalogue';
import { ChaosSystem } from './chaos-system';
import { sleep } from './poll';
import { ScenarioName } from './scenario-names';
import { Service, SERVICES } from './service-process';
import { WebhookReceiver } from '@concord/testing';

/** What a fault injector may break, and how long the load it runs beside will last. */
export interface FaultContext {
  system: ChaosSystem;
  receiver: WebhookReceiver;
  loadMs: number;
  log: (line: string) => void;
  /** Where a fault that publishes poison records each message's topic and `ce_id`. */
  poisoned: { topic: string; id: string }[];
}

/** A fault: it runs while the load runs and returns once everything it broke is back. */
export type Fault = (context: FaultContext) => Promise<void>;

/** How long a killed or stopped component stays down. */
const OUTAGE_MS = 3000;

/** kill -9 of every instance of each of `services` in turn, each restarted after a pause. */
export const killServices =
  (services: readonly Service[]): Fault =>
  async ({ system, loadMs, log }) => {
    const gap = loadMs / (services.length + 1);
    for (const service of services) {
      await sleep(gap);
      for (const instance of system.instancesOf(service).filter((each) => each.running)) {
        log(`kill -9 ${instance.name}`);
        await instance.kill9();
        await sleep(OUTAGE_MS);
        await instance.startHealthy();
        log(`${instance.name} back`);
      }
    }
  };

/**
 * For each of `services` in turn: a second instance joins the consumer group (the partitions are split
 * between the two), then the first is killed (the survivor takes them all), then it comes back.
 */
export const rebalanceServices =
  (services: readonly Service[]): Fault =>
  async ({ system, loadMs, log }) => {
    const gap = loadMs / (services.length * 2 + 1);
    for (const service of services) {
      await sleep(gap);
      const [first] = system.instancesOf(service);
      const second = system.instancesOf(service)[1] ?? (await system.addInstance(service));
      if (!second.running) await second.startHealthy();
      log(`${second.name} joined the group of ${first.name}`);
      await sleep(gap);
      log(`kill -9 ${first.name}`);
      await first.kill9();
      await sleep(OUTAGE_MS);
      await first.startHealthy();
      await second.stop();
      log(`${first.name} back, ${second.name} stopped`);
    }
  };

/** The broker stopped in the middle of the load and started again. */
export const restartBroker: Fault = async ({ system, loadMs, log }) => {
  await sleep(loadMs / 3);
  log('kafka broker stopping');
  await system.broker.stop();
  await sleep(OUTAGE_MS * 2);
  await system.broker.start();
  log('kafka broker back');
};

/** PostgreSQL stopped like a crash (immediate) in the middle of the load, and started again. */
export const restartPostgres: Fault = async ({ system, loadMs, log }) => {
  await sleep(loadMs / 3);
  log('postgres crash (pg_ctl stop -m immediate)');
  await system.postgres.crash();
  await sleep(OUTAGE_MS);
  await system.postgres.restartAfterCrash();
  log('postgres back');
};

/** The partners' webhook endpoint refuses connections, then answers too slowly, then fails. */
export const troubleAtWebhookReceiver: Fault = async ({ receiver, loadMs, log }) => {
  const phase = loadMs / 4;
  for (const mode of ['down', 'slow', 'failing'] as const) {
    await sleep(phase);
    log(`webhook receiver ${mode}`);
    await receiver.setMode(mode);
  }
  await sleep(phase);
  await receiver.setMode('up');
  log('webhook receiver up');
};

/**
 * Poison on every topic: a body that is not JSON, a payload that breaks its event type's
 * contract, and a type nobody knows; each should go to the topic's DLQ (the run checks that it
 * did) and block nothing.
 */
export const injectPoison: Fault = async ({ system, loadMs, log, poisoned }) => {
  const catalogue = concordCatalogue();
  await sleep(loadMs / 3);
  for (const topic of catalogue.topics()) {
    const someType = catalogue.all().find((definition) => definition.topic === topic)?.type ?? '';
    const envelope = (type: string) => ({
      ce_specversion: '1.0',
      ce_id: randomUUID(),
      ce_type: type,
      ce_source: '/chaos',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
    });
    const key = randomUUID();
    for (const [value, headers] of [
      ['not json {', envelope(someType)],
      ['{"unexpected":true}', envelope(someType)],
      ['{}', envelope('concord.nobody-knows.v1')],
    ] as const) {
      await system.broker.produceRaw(topic, key, value, headers);
      poisoned.push({ topic, id: headers.ce_id });
    }
    log(`3 poison messages on ${topic}`);
  }
};

const anyService = (): Service[] => [SERVICES[Math.floor(Math.random() * SERVICES.length)]];

/**
 * Every kind of fault above, one after another in a random order, while the load runs; kill -9
 * and the rebalance each hit one service picked at random.
 */
export const mixedFaults: Fault = async (context) => {
  const faults = [
    killServices(anyService()),
    rebalanceServices(anyService()),
    restartBroker,
    restartPostgres,
    troubleAtWebhookReceiver,
    injectPoison,
  ].sort(() => Math.random() - 0.5);
  const share = { ...context, loadMs: context.loadMs / faults.length };
  for (const fault of faults) await fault(share);
};

export const noFault: Fault = async () => undefined;

export interface Scenario {
  name: ScenarioName;
  /** The property it proves, as the jest test names it. */
  property: string;
  fault: Fault;
}

const SAFE = 'nothing lost, nothing duplicated';

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  steady: { name: 'steady', property: `steady load without faults: ${SAFE}`, fault: noFault },
  'kill-9': {
    name: 'kill-9',
    property: `kill -9 of each service: ${SAFE}`,
    fault: killServices(SERVICES),
  },
  rebalance: {
    name: 'rebalance',
    property: `a second instance joining and one killed (rebalance): ${SAFE}`,
    fault: rebalanceServices(SERVICES),
  },
  'broker-restart': {
    name: 'broker-restart',
    property: `the Kafka broker stopped and restarted: ${SAFE}`,
    fault: restartBroker,
  },
  'postgres-restart': {
    name: 'postgres-restart',
    property: `PostgreSQL crashed and restarted: ${SAFE}`,
    fault: restartPostgres,
  },
  'webhook-receiver': {
    name: 'webhook-receiver',
    property: `a webhook receiver down, slow, then failing: ${SAFE}`,
    fault: troubleAtWebhookReceiver,
  },
  poison: {
    name: 'poison',
    property: `a poison message on each topic: ${SAFE}`,
    fault: injectPoison,
  },
  mixed: { name: 'mixed', property: `all faults mixed: ${SAFE}`, fault: mixedFaults },
};
