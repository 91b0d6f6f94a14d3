import { EventPattern } from '@nestjs/microservices';
import { EventDefinition } from '@concord/contracts';

/**
 * Marks a handler of one event type, given by its definition or its type string, or of every type
 * with ANY_EVENT. The handler gets the validated payload and an EventContext. Sits on Nest's
 * `@EventPattern`.
 */
export function HandlesEvent(event: EventDefinition | string): MethodDecorator {
  return EventPattern<string>(typeof event === 'string' ? event : event.type);
}
