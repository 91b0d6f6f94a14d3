/** The insights service's public module: what scripts and other tools may import of it. */
export { INSIGHTS_SERVICE } from './insights.service-spec';
export { INSIGHTS_EVENTS } from './events/insights.events';
export { rebuildCommand } from './rebuild/rebuild-command';
