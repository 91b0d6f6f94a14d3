import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@concord/contracts';

/**
 * What an event handler of a service's manifest gets besides the validated payload: the envelope, and the
 * transaction in which the message is recorded as processed. Write the effect (and publish any
 * follow-up events through the Outbox) with `manager`, so that all of it commits, or none.
 */
export class EventContext extends BaseRpcContext<[EventEnvelope, EntityManager]> {
  get envelope(): EventEnvelope {
    return this.args[0];
  }

  get manager(): EntityManager {
    return this.args[1];
  }
}
