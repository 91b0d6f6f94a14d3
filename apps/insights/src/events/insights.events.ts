import { CONCORD_EVENTS } from '@concord/contracts';
import { eventManifest } from '@concord/messaging';
import { projectEvent } from '../read-model/insights.projection';

/**
 * What insights handles: every event type of the catalogue, on every topic. Each one is recorded
 * in the event log (the timelines) and applied to the KPI read models in the transaction that
 * marks it processed. It publishes nothing.
 */
export const INSIGHTS_EVENTS = eventManifest({
  service: 'insights',
  handles: (on) => [
    on(CONCORD_EVENTS, (_uses, _event, context) => projectEvent(context.manager, context.envelope)),
  ],
});
