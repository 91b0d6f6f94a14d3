import { EventPattern } from '@nestjs/microservices';
import { EventDefinition } from '@concord/contracts';

/**
 * Marks a handler of one event type or several, each given by its definition or its type
 * string, or of every type with ANY_EVENT. The handler gets the validated payload and an
 * EventContext. Sits on Nest's `@EventPattern`, which takes a list of patterns (and only one
 * decorator per method).
 */
export function HandlesEvent(...events: (EventDefinition | string)[]): MethodDecorator {
  const types = events.map((event) => (typeof event === 'string' ? event : event.type));
  return EventPattern<string | string[]>(types.length === 1 ? types[0] : types);
}
