import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { ANY_EVENT, EventContext, HandlesEvent } from '@concord/messaging';
import { RecordedEvent } from '../event-log/recorded-event.entity';

/**
 * What insights handles: every event type of the catalogue, on every topic. It publishes nothing.
 */
@Controller()
export class InsightsEvents {
  @HandlesEvent(ANY_EVENT)
  async record(_payload: object, @Ctx() context: EventContext): Promise<void> {
    const { envelope, manager } = context;
    await manager.insert(RecordedEvent, {
      eventId: envelope.id,
      type: envelope.type,
      source: envelope.source,
      subject: envelope.subject,
      occurredAt: new Date(envelope.time),
      correlationId: envelope.correlationId,
      causationId: envelope.causationId ?? null,
      data: envelope.data as object,
    });
  }
}
