import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventDefinition, EventEnvelope, toKafkaRecord, toPayload } from '@concord/contracts';
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
    const refusal = refusalToPublish(this.manifest, definition);
    if (refusal) throw new Error(`Outbox.publish refuses ${refusal}`);
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        `Outbox.publish(${definition.type}) needs a transaction: use dataSource.transaction`,
      );
    }
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
    // The notification is delivered when (and only if) the transaction commits and wakes the relay
    // at once; it rides on the insert, one round trip for both.
    await manager.query(
      `WITH staged AS (
         INSERT INTO outbox_messages (event_id, topic, message_key, headers, payload)
         VALUES ($1, $2, $3, $4, $5) RETURNING 1
       )
       SELECT pg_notify($6, '') FROM staged`,
      [
        id,
        definition.topic,
        record.key,
        JSON.stringify(record.headers),
        JSON.stringify(data),
        OUTBOX_CHANNEL,
      ],
    );
    return envelope;
  }
}
