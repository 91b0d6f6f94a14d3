import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventDefinition, EventEnvelope, toKafkaRecord, toPayload } from '@concord/contracts';
import { traceHeadersOfCurrentWork } from '@concord/telemetry';
import { EventManifest, refusalToPublish } from './event-manifest';
import { currentMessageContext } from './message-context';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

export const OUTBOX_CHANNEL = 'concord_outbox';

/**
 * Stages events in the outbox table inside the caller's transaction, so that an event exists
 * if and only if the state change that caused it committed. The relay publishes it.
 */
@Injectable()
export class Outbox {
  private readonly source: string;
  private readonly manifest: EventManifest;

  constructor(@Inject(MESSAGING_OPTIONS) options: MessagingOptions) {
    this.source = `/concord/${options.service}`;
    this.manifest = options.manifest;
  }

  /**
   * Validates `payload` against its contract and adds the event to the transaction of `manager`.
   * Returns the envelope that will be published. An event type missing from the service's
   * manifest, a topic the service does not own and a payload that breaks its contract are
   * programming errors: each throws.
   */
  async publish<P extends object>(
    manager: EntityManager,
    definition: EventDefinition<P>,
    payload: P,
  ): Promise<EventEnvelope<P>> {
    this.checkMayPublish(definition);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        `Outbox.publish(${definition.type}) needs a transaction: use dataSource.transaction`,
      );
    }
    const { envelope, ctes, values, selected } = this.stageAfter(definition, payload, 'ready', 1);
    // The notification is delivered when (and only if) the transaction commits and wakes the relay
    // at once; it rides on the insert, one round trip for both.
    await manager.query(`WITH ready AS (SELECT 1), ${ctes} SELECT ${selected}`, values);
    return envelope;
  }

  /**
   * The event as part of a statement that also makes the change it tells of, for a hot path that
   * wants its change and its event in one round trip (one statement is atomic, with or without a
   * transaction). `ctes` stages the event, and notifies the relay, if the caller's CTE `after`
   * returned a row; their parameters are `values`, numbered from `$first`. The statement must
   * select `selected` (how many events were staged): PostgreSQL skips a CTE nothing reads, and
   * the notify is one. Checks as `publish` does.
   */
  stageAfter<P extends object>(
    definition: EventDefinition<P>,
    payload: P,
    after: string,
    first: number,
  ): StagedEvent<P> {
    this.checkMayPublish(definition);
    const data = toPayload(definition, payload);
    const id = randomUUID();
    const context = currentMessageContext();
    const envelope: EventEnvelope<P> = {
      id,
      type: definition.type,
      source: this.source,
      time: new Date().toISOString(),
      subject: definition.key(data),
      correlationId: context?.correlationId ?? id,
      causationId: context?.causationId,
      data,
    };
    const record = toKafkaRecord(envelope);
    // The relay produces the event later, in another context: the trace goes with the row.
    const traced = { ...record.headers, ...traceHeadersOfCurrentWork() };
    const [event, topic, key, headers, body, channel] = [0, 1, 2, 3, 4, 5].map(
      (index) => `$${first + index}`,
    );
    return {
      envelope,
      ctes: `event_staged AS (
               INSERT INTO outbox_messages (event_id, topic, message_key, headers, payload)
               SELECT ${event}::uuid, ${topic}::text, ${key}::text, ${headers}::jsonb, ${body}::jsonb
                 FROM (SELECT 1 FROM ${after} LIMIT 1) changed
               RETURNING 1
             ), event_notified AS (SELECT pg_notify(${channel}::text, '') FROM event_staged)`,
      values: [
        id,
        definition.topic,
        record.key,
        JSON.stringify(traced),
        JSON.stringify(data),
        OUTBOX_CHANNEL,
      ],
      selected: '(SELECT count(*) FROM event_notified)::int AS events',
    };
  }

  private checkMayPublish(definition: EventDefinition): void {
    const refusal = refusalToPublish(this.manifest, definition);
    if (refusal) throw new Error(`Outbox.publish refuses ${refusal}`);
  }
}

/** An event staged by the statement that makes its change: Outbox.stageAfter. */
export interface StagedEvent<P> {
  readonly envelope: EventEnvelope<P>;
  readonly ctes: string;
  readonly values: unknown[];
  readonly selected: string;
}
