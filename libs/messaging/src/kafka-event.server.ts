import { Logger, Type } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { DataSource, EntityManager } from 'typeorm';
import { deadLetterTopicOf, EventEnvelope, headersToStrings } from '@concord/contracts';
import {
  eventsDeadLettered,
  eventsFailed,
  eventsHandled,
  eventsParked,
  processBatch,
  processMessage,
} from '@concord/telemetry';
import { afterFailure, PermanentFailure, readMessage, ReadMessage } from './consumer-outcomes';
import { FailedMessage, sendToDeadLetterTopic } from './dead-letter';
import { EnvelopeSigner } from './envelope-signature';
import { EventContext } from './event-context';
import { EventManifest } from './event-manifest';
import { KafkaConnection } from './kafka-connection';
import { runInMessageContext } from './message-context';
import { DEFAULT_RETRY_POLICY, RetryPolicy } from './messaging.options';
import { PeriodicWork, RoundOutcome } from './periodic-work';
import { PendingRetry, RetryStore } from './retry-store';

type Outcome = 'handled' | 'duplicate' | 'ignored' | 'waiting';

/** The fallback sweep: the retry worker arms a timer for the next due retry and sleeps. */
const RETRY_SWEEP_MS = 30_000;
const RETRY_BATCH = 50;
/** The most messages of one partition handled in one transaction. */
const TOGETHER_LIMIT = 100;
/**
 * Partition batches one process handles at a time. Batch transactions of one service lock the
 * same few hot rows — the engine's capacity counters, a budget's row, insights' weekly figures —
 * each in the order of its own messages; two at once deadlocked dozens of times a minute under
 * load (docs/benchmarks.md), and each deadlock costs a second's wait and a replay one by one.
 * One at a time they cannot deadlock within a process; the hot rows serialised them anyway.
 */
const PARTITIONS_AT_ONCE = 1;

type EventHandler = (payload: object, context: EventContext) => unknown;
type ReadyMessage = Extract<ReadMessage<EventHandler>, { ignored: false }> & {
  readonly message: FailedMessage;
};

/** A message of the batch has an earlier message of its key waiting for a retry. */
class KeyWaiting extends Error {
  constructor() {
    super('a message of the batch waits behind a retry of its key');
  }
}

/**
 * A custom transport strategy for `@nestjs/microservices` that reads CloudEvents from Kafka and
 * hands each to its handler in the service's event manifest, with the rules of
 * docs/architecture.md:
 *
 * - the payload is validated against its contract first; a malformed or (when signing keys are
 *   set) unsigned or forged envelope, an unknown type or a payload that breaks its contract goes to
 *   `<topic>.dlq` with the error, untried;
 * - the handler runs inside a transaction that also records (consumer, event id) in
 *   `processed_messages`, so a redelivered message has no second effect;
 * - the messages of one fetched partition batch share that transaction and one bulk record;
 *   when anything in it fails, it is rolled back and its messages go one by one, each in its own
 *   transaction, so that only the failing one is retried;
 * - a handler that throws is retried with back-off from `consumer_retries` while the partition
 *   moves on; later messages with the same key wait behind it to keep the aggregate's order;
 *   after the last try the message goes to `<topic>.dlq`.
 *
 * The stock ServerKafka cannot do this: it has no dead-letter topic or non-blocking retry (a
 * failing message is retried in place, holding up its partition), no idempotency record, and it
 * does not read CloudEvents headers.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger(KafkaEventServer.name);
  private readonly retryPolicy: RetryPolicy;
  private readonly retries: RetryStore;
  private consumer?: Consumer;
  /** Tries again the messages whose retry is due. */
  private readonly retryWorker: PeriodicWork;
  private crashed?: string;
  private starting?: Promise<void>;
  /** Ends the wait between two tries to start, when the server closes. */
  private wake?: () => void;
  private closing = false;
  private readonly signer?: EnvelopeSigner;
  /** The manifest's handlers by event type. */
  private readonly handlers = new Map<string, EventHandler>();

  constructor(
    private readonly options: {
      readonly kafka: KafkaConnection;
      readonly dataSource: DataSource;
      /** Gives the providers the manifest's handlers use (the service's Nest container). */
      readonly resolve: <T>(type: Type<T>) => T;
      /** Consumer group and idempotency scope; defaults to the service name. */
      readonly groupId?: string;
    },
  ) {
    super();
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.kafka.options.retry };
    this.retries = new RetryStore(options.dataSource, this.groupId);
    this.retryWorker = new PeriodicWork({
      name: 'retry worker',
      intervalMs: RETRY_SWEEP_MS,
      round: () => this.retryBatch(),
    });
    const { signingKeys, manifest } = options.kafka.options;
    if (signingKeys?.length) this.signer = new EnvelopeSigner(signingKeys);
    this.registerHandlers(manifest);
  }

  private registerHandlers(manifest: EventManifest): void {
    const uses = Object.fromEntries(
      Object.entries(manifest.uses).map(([name, type]) => [name, this.options.resolve(type)]),
    );
    for (const { events, handle } of manifest.handles) {
      for (const { type } of events) {
        this.handlers.set(type, (payload, context) => handle(uses, payload, context));
      }
    }
  }

  /** The consumer group: also the scope of the processed-messages record. */
  get groupId(): string {
    return this.options.groupId ?? this.options.kafka.options.service;
  }

  /** The topics that carry the event types this process has handlers for. */
  subscribedTopics(): string[] {
    const catalogue = this.options.kafka.options.catalogue;
    const topics = [...this.handlers.keys()].map((type) => {
      const definition = catalogue.find(type);
      if (!definition) {
        throw new Error(`the event manifest handles ${type}, no event type of the catalogue`);
      }
      return definition.topic;
    });
    return [...new Set(topics)].sort();
  }

  /** Undefined while the consumer runs; the reason when it has stopped for good. */
  get failure(): string | undefined {
    return this.crashed;
  }

  /**
   * Starts consuming. A broker that does not answer yet does not stop the service: it serves HTTP
   * (health says why the consumer is down) while the consumer keeps trying to start, with back-off.
   */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    let topics: string[];
    try {
      topics = this.subscribedTopics();
    } catch (error) {
      callback(error);
      return;
    }
    this.retryWorker.start();
    if (topics.length > 0) {
      this.crashed = 'the event consumer is connecting to the broker';
      this.starting = this.startWhenBrokerAnswers(topics);
    }
    callback();
  }

  async close(): Promise<void> {
    this.closing = true;
    this.wake?.();
    await this.starting;
    await this.retryWorker.stop();
    await this.consumer?.disconnect();
  }

  private async startWhenBrokerAnswers(topics: string[]): Promise<void> {
    for (let delayMs = 1_000; !this.closing; delayMs = Math.min(delayMs * 2, 30_000)) {
      try {
        await this.options.kafka.ensureTopics([...topics, ...topics.map(deadLetterTopicOf)]);
        await this.startConsumer(topics);
        this.crashed = undefined;
        return;
      } catch (error) {
        this.crashed = `the event consumer cannot start: ${String(error)}`;
        this.log.warn(`${this.crashed}; trying again in ${delayMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delayMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /**
   * kafkajs gives up on a consumer after an error it calls non-retriable, e.g. "Failed to find
   * group coordinator" while the broker restarts, and never restarts it: the process would serve
   * HTTP with its consumer stopped until someone restarted it. So a running consumer that crashes
   * for good is disconnected and started again, with the same back-off as at start-up.
   */
  private startAgainAfterCrash(consumer: Consumer, topics: string[]): void {
    if (this.closing || this.consumer !== consumer) return;
    this.consumer = undefined;
    this.log.warn(`the event consumer stopped (${this.crashed}); starting it again`);
    this.starting = (async () => {
      await consumer.disconnect().catch(() => undefined);
      await this.startWhenBrokerAnswers(topics);
    })();
  }

  on(): never {
    throw new Error('KafkaEventServer does not emit events; see the health endpoint');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async startConsumer(topics: string[]): Promise<void> {
    const consumer = this.options.kafka.kafka.consumer({
      groupId: this.groupId,
      retry: { retries: 10, initialRetryTime: 300 },
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart) return;
      this.crashed = String(event.payload.error);
      this.startAgainAfterCrash(consumer, topics);
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently:
          this.options.kafka.options.concurrency ?? PARTITIONS_AT_ONCE,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.receiveBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.consumer = consumer;
  }

  /**
   * One fetched batch of a partition, in slices of up to TOGETHER_LIMIT messages: each slice is
   * handled, then its offsets are resolved (kafkajs commits them once, after the batch).
   */
  private async receiveBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const messages = batch.messages.map((message) =>
      asFailedMessage(batch.topic, batch.partition, message),
    );
    for (let start = 0; start < messages.length; start += TOGETHER_LIMIT) {
      if (!isRunning() || isStale()) return;
      const slice = messages.slice(start, start + TOGETHER_LIMIT);
      await this.receiveTogether(slice);
      resolveOffset(slice[slice.length - 1].offset);
      await heartbeat();
    }
  }

  /**
   * Handles consecutive messages of one partition in one transaction. Anything that fails — a
   * message that cannot be read, a key with a message waiting for a retry, a handler that throws,
   * a deadlock with another transaction — rolls the whole of it back, and the messages go one by
   * one through `receive`, where a failure is parked or dead-lettered on its own.
   */
  private async receiveTogether(messages: readonly FailedMessage[]): Promise<void> {
    if (messages.length > 1) {
      try {
        await this.handleTogether(messages);
        return;
      } catch (error) {
        // A waiting key and a message that cannot be read are dealt with, and logged, below.
        if (!(error instanceof KeyWaiting || error instanceof PermanentFailure)) {
          this.log.warn(
            `a batch of ${messages.length} messages from ${messages[0].topic}/${messages[0].partition} is handled one by one: ${String(error)}`,
          );
        }
      }
    }
    for (const message of messages) await this.receive(message);
  }

  private async handleTogether(messages: readonly FailedMessage[]): Promise<void> {
    const ready = messages.flatMap((message): ReadyMessage[] => {
      const read = this.read(message);
      return read.ignored ? [] : [{ ...read, message }];
    });
    if (ready.length === 0) return;
    const ids = [...new Set(ready.map(({ envelope }) => envelope.id))];
    const keys = [...new Set(messages.map(({ key }) => key))];
    const handled: string[] = [];
    await processBatch(messages, () =>
      this.options.dataSource.transaction(async (manager) => {
        const [{ waiting, recorded }] = (await manager.query(
          `WITH line AS (
           SELECT EXISTS (
             SELECT 1 FROM consumer_retries
              WHERE consumer = $1 AND topic = $2 AND message_key = ANY($3::text[])) AS waiting
         ), recorded AS (
           INSERT INTO processed_messages (consumer, message_id)
           SELECT $1, id FROM unnest($4::text[]) AS id, line WHERE NOT line.waiting
           ON CONFLICT DO NOTHING RETURNING message_id
         )
         SELECT line.waiting, ARRAY(SELECT message_id FROM recorded) AS recorded FROM line`,
          [this.groupId, messages[0].topic, keys, ids],
        )) as { waiting: boolean; recorded: string[] }[];
        if (waiting) throw new KeyWaiting();
        // Recorded now, so not handled before; a second copy in the same batch finds it gone.
        const fresh = new Set(recorded);
        for (const { handler, envelope, payload, message } of ready) {
          if (!fresh.delete(envelope.id)) continue;
          await processMessage(message, () => this.run(handler, envelope, payload, manager));
          handled.push(envelope.type);
        }
      }),
    );
    handled.forEach((type) => eventsHandled.inc({ type }));
  }

  private read(message: FailedMessage): ReadMessage<EventHandler> {
    return readMessage(message, {
      catalogue: this.options.kafka.options.catalogue,
      handlers: this.handlers,
      signer: this.signer,
    });
  }

  private async run(
    handler: EventHandler,
    envelope: EventEnvelope,
    payload: object,
    manager: EntityManager,
  ): Promise<void> {
    const context = new EventContext([envelope, manager]);
    await runInMessageContext(
      { correlationId: envelope.correlationId, causationId: envelope.id },
      () => handler(payload, context),
    );
  }

  private async receive(failed: FailedMessage): Promise<void> {
    try {
      const outcome = await this.attempt(failed, { behindWaiting: true });
      // An earlier message with its key waits for a retry: this one queues up behind it.
      if (outcome === 'waiting') {
        await this.retries.add(failed, 0, 0);
        eventsParked.inc({ type: this.typeOf(failed) });
      }
    } catch (error) {
      eventsFailed.inc({ type: this.typeOf(failed) });
      const next = afterFailure(error, 1, this.retryPolicy);
      if (next.deadLetter) {
        await this.deadLetter(failed, error, 1);
      } else {
        this.log.warn(`${describe(failed)} failed (try 1), retrying later: ${String(error)}`);
        await this.retries.add(failed, 1, next.delayMs, error);
        eventsParked.inc({ type: this.typeOf(failed) });
        // Arms the worker's timer for this retry (it sleeps otherwise).
        this.retryWorker.runNow();
      }
    }
  }

  /**
   * One try at handling a message; throws what failed. With `behindWaiting`, a message whose key
   * has an earlier message waiting for a retry is not handled (`waiting`): the caller queues it.
   */
  private async attempt(
    message: FailedMessage,
    { behindWaiting }: { behindWaiting: boolean },
  ): Promise<Outcome> {
    const read = this.read(message);
    if (read.ignored) return 'ignored';
    const { handler, envelope, payload } = read;
    const outcome = await processMessage(message, () =>
      this.handleOnce(handler, envelope, payload, behindWaiting ? message : undefined),
    );
    if (outcome === 'handled') eventsHandled.inc({ type: envelope.type });
    return outcome;
  }

  /**
   * Records (consumer, event id) and runs the handler in one transaction. The record, the check
   * for a duplicate and, for a message read from its partition, the check for an earlier message
   * of its key waiting for a retry are one statement: every message costs a round trip less.
   */
  private handleOnce(
    handler: EventHandler,
    envelope: EventEnvelope,
    payload: object,
    behind?: Pick<FailedMessage, 'topic' | 'key'>,
  ): Promise<Outcome> {
    return this.options.dataSource.transaction(async (manager) => {
      const [{ waiting, recorded }] = (await manager.query(
        `WITH line AS (
           SELECT $3::boolean AND EXISTS (
             SELECT 1 FROM consumer_retries
              WHERE consumer = $1 AND topic = $4 AND message_key = $5) AS waiting
         ), recorded AS (
           INSERT INTO processed_messages (consumer, message_id)
           SELECT $1, $2 FROM line WHERE NOT line.waiting
           ON CONFLICT DO NOTHING RETURNING message_id
         )
         SELECT line.waiting, EXISTS (SELECT 1 FROM recorded) AS recorded FROM line`,
        [this.groupId, envelope.id, behind !== undefined, behind?.topic ?? '', behind?.key ?? ''],
      )) as { waiting: boolean; recorded: boolean }[];
      if (waiting) return 'waiting';
      if (!recorded) return 'duplicate';
      await this.run(handler, envelope, payload, manager);
      return 'handled';
    });
  }

  /**
   * One round of the retry worker: every due retry of a batch; `again` when the batch was full,
   * else when the next one falls due.
   */
  private async retryBatch(): Promise<RoundOutcome> {
    const due = await this.retries.claimDue(RETRY_BATCH);
    for (const retry of due) {
      await this.retryOne(retry);
    }
    if (due.length === RETRY_BATCH) return 'again';
    const nextInMs = await this.retries.nextDueInMs();
    return nextInMs === null ? undefined : { nextInMs };
  }

  private async retryOne(retry: PendingRetry): Promise<void> {
    const attempts = retry.attempts + 1;
    try {
      await this.attempt(retry, { behindWaiting: false });
      await this.retries.remove(retry.id);
    } catch (error) {
      eventsFailed.inc({ type: this.typeOf(retry) });
      const next = afterFailure(error, attempts, this.retryPolicy);
      if (next.deadLetter) {
        await this.deadLetter(retry, error, attempts);
        await this.retries.remove(retry.id);
      } else {
        this.log.warn(
          `${describe(retry)} failed (try ${attempts}), retrying later: ${String(error)}`,
        );
        await this.retries.reschedule(retry.id, attempts, next.delayMs, error);
      }
    }
  }

  private async deadLetter(
    message: FailedMessage,
    error: unknown,
    attempts: number,
  ): Promise<void> {
    const cause = error instanceof PermanentFailure ? error.reason : error;
    eventsDeadLettered.inc({ type: this.typeOf(message) });
    this.log.error(
      `${describe(message)} goes to the dead-letter topic after ${attempts} tries: ${String(cause)}`,
    );
    await sendToDeadLetterTopic(this.options.kafka, this.groupId, message, cause, attempts);
  }

  /** The message's event type as a metric label: one of the catalogue's, else `unknown`. */
  private typeOf(message: FailedMessage): string {
    const type = message.headers.ce_type;
    return type && this.options.kafka.options.catalogue.find(type) ? type : 'unknown';
  }
}

const describe = (message: FailedMessage): string =>
  `${message.headers.ce_type ?? 'message'} ${message.headers.ce_id ?? ''} (${message.topic}/${message.partition}@${message.offset})`;

const asFailedMessage = (
  topic: string,
  partition: number,
  message: KafkaMessage,
): FailedMessage => ({
  topic,
  partition,
  offset: message.offset,
  key: message.key?.toString() ?? '',
  value: message.value,
  headers: headersToStrings(message.headers),
});
