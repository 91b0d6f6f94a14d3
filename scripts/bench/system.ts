import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import {
  DEV_AUDIENCE,
  DEV_ISSUER,
  ensureDevKeyPair,
  mintToken,
} from '../../libs/auth/src/dev-keys';
import { ConcordClient } from '@concord/testing';
import { ConsumerLag } from './consumer-lag';
import { EventWatcher } from './event-watcher';
import { BenchFixtures, setUpFixtures } from './fixtures';
import { HandOffTracker } from './hand-off-tracker';
import {
  benchKafka,
  ensureBroker,
  ensureTopics,
  freshDatabases,
  startGroupsAtEnd,
} from './infrastructure';
import { LoadTarget } from './open-loop-load';
import {
  RunningService,
  startExtraEngines,
  startServices,
  stopServices,
  urlsOf,
  waitHealthy,
} from './services';
import { BenchSettings } from './settings';
import { ServiceUrls, WebhookReceiver } from '@concord/testing';
import { OtlpSink } from './otlp-sink';
import { startWebhookReceiver } from './webhook-receiver';

/** Everything a benchmark part needs: the running services, fixtures and the observers. */
export interface BenchSystem {
  readonly settings: BenchSettings;
  readonly root: string;
  readonly runId: string;
  readonly kafka: Kafka;
  readonly services: RunningService[];
  readonly urls: ServiceUrls;
  readonly client: ConcordClient;
  readonly fixtures: BenchFixtures;
  readonly tracker: HandOffTracker;
  readonly lag: ConsumerLag;
  readonly target: LoadTarget;
  readonly webhooks: WebhookReceiver;
  stop(): Promise<void>;
}

/**
 * Brings the system up for a run: broker (reused or started), fresh databases, the dev keys,
 * the five services in new consumer groups, the webhook receiver, the event watcher and the
 * fixtures.
 */
export async function startBenchSystem(
  settings: BenchSettings,
  root: string,
  log: (line: string) => void,
): Promise<BenchSystem> {
  const runId = randomUUID().slice(0, 8);
  await ensureBroker(settings, root);
  await ensureTopics(settings);
  log(`broker ${settings.kafkaBrokers.join(',')} answers; run ${runId}`);
  await freshDatabases(settings);
  log(`fresh databases ${settings.databasePrefix}_*`);
  const keysDir = join(root, '.cache/dev-keys');
  const { privateKeyPem } = await ensureDevKeyPair(keysDir);

  const kafka = benchKafka(settings);
  const groups = ['referrals', 'agreements', 'funding', 'notifications', 'insights'].map(
    (service) => `bench-${runId}-${service}`,
  );
  await startGroupsAtEnd(settings, groups);
  const sink = settings.tracing ? await OtlpSink.start(settings.otlpSinkPort) : undefined;
  if (sink)
    log(`tracing on: spans exported over OTLP/HTTP to the sink on ${settings.otlpSinkPort}`);
  const services = startServices(settings, root, runId, join(keysDir, 'dev-public.pem'));
  const stopAll: (() => Promise<void>)[] = [
    async () => {
      if (!sink) return;
      log(`tracing: ${sink.exports} OTLP exports, ${(sink.bytes / 1e6).toFixed(1)} MB`);
      await sink.stop();
    },
    () => stopServices(services),
  ];
  const stop = async () => {
    for (const step of stopAll.reverse()) await step().catch(() => undefined);
  };
  try {
    await waitHealthy(services);
    log(`services healthy on ports ${settings.basePort}-${settings.basePort + 4}`);
    if (settings.engineInstances > 1) {
      const engines = startExtraEngines(settings, root, runId, join(keysDir, 'dev-public.pem'));
      services.push(...engines);
      await waitHealthy(engines);
      log(`${settings.engineInstances} instances of the referrals service (the engine)`);
    }
    const tracker = new HandOffTracker();
    const webhooks = await startWebhookReceiver(tracker, settings.webhookPort);
    stopAll.push(() => webhooks.stop());
    const watcher = new EventWatcher(kafka, tracker, `bench-${runId}-watcher`);
    await watcher.start();
    stopAll.push(() => watcher.stop());
    const lag = new ConsumerLag(kafka, groups);
    await lag.start();
    stopAll.push(() => lag.stop());

    const urls = urlsOf(services);
    const client = new ConcordClient(urls, root);
    const fixtures = await setUpFixtures(
      client,
      Number(process.env.BENCH_PARTNERS ?? 4),
      (partnerId) => webhooks.urlFor(`/partners/${partnerId}`),
    );
    log(`fixtures: agency, ${fixtures.partnerIds.length} partners, agreements in force, budgets`);
    const dispatcherToken = await mintToken(
      privateKeyPem,
      { subject: 'bench-dispatcher', role: 'dispatcher', organizationId: fixtures.agencyId },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, expiresIn: '8h' },
    );
    return {
      settings,
      root,
      runId,
      kafka,
      services,
      urls,
      client,
      fixtures,
      tracker,
      lag,
      target: { referralsUrl: urls.referrals, dispatcherToken },
      webhooks,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
