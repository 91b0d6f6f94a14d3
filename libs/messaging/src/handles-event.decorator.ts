import { EventPattern } from '@nestjs/microservices';
import { EventDefinition } from '@concord/contracts';

/**
 * Marks a handler of one event type of the contracts, given by its definition or its type (or of
 * every type, with ANY_EVENT): the
 * handler gets the validated payload and an EventContext. Sits on Nest's `@EventPattern`.
 */
export function HandlesEvent(event: EventDefinition | string): MethodDecorator {
  return EventPattern<string>(typeof event === 'string' ? event : event.type);
}
