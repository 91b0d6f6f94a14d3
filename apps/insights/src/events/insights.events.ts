import { Controller } from '@nestjs/common';
import { Ctx } from '@nestjs/microservices';
import { ANY_EVENT, EventContext, HandlesEvent } from '@concord/messaging';
import { projectEvent } from '../read-model/insights.projection';

/**
 * What insights handles: every event type of the catalogue, on every topic. Each one is recorded
 * and applied to the KPI read models in the transaction that marks it processed. It publishes
 * nothing.
 */
@Controller()
export class InsightsEvents {
  @HandlesEvent(ANY_EVENT)
  async record(_payload: object, @Ctx() context: EventContext): Promise<void> {
    await projectEvent(context.manager, context.envelope);
  }
}
