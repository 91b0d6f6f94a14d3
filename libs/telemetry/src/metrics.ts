import { collectDefaultMetrics, Counter, Gauge, Histogram, register, Registry } from 'prom-client';

/**
 * The process's Prometheus metrics (prom-client's default registry), named `concord_*`. The
 * counters and histograms here are updated where the work happens; figures that cost a query —
 * consumer lag, outbox depth, pool use — are gauges computed when scraped (`scrapedGauge`), so
 * nothing runs on a timer and an idle service stays idle. docs/operations.md lists them all, with
 * what deploy/observability's dashboard and alert rules read.
 */
export const metricsRegistry: Registry = register;

let defaultsCollected = false;

/** Node's own figures (CPU, memory, event-loop delay, GC), prefixed as prom-client names them. */
export function collectProcessMetrics(service: string): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  metricsRegistry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: metricsRegistry });
}

export const httpRequestDuration = new Histogram({
  name: 'concord_http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status code, and how long they took',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

const byType = ['type'] as const;

export const eventsHandled = new Counter({
  name: 'concord_events_handled_total',
  help: 'Events handled and committed, by event type',
  labelNames: byType,
});

export const eventsFailed = new Counter({
  name: 'concord_events_failed_total',
  help: 'Tries at handling an event that failed, by event type',
  labelNames: byType,
});

export const eventsParked = new Counter({
  name: 'concord_events_parked_total',
  help: 'Events parked in consumer_retries for a later try, by event type',
  labelNames: byType,
});

export const eventsDeadLettered = new Counter({
  name: 'concord_events_dead_lettered_total',
  help: 'Events sent to a dead-letter topic, by event type',
  labelNames: byType,
});

export const eventsPublished = new Counter({
  name: 'concord_events_published_total',
  help: 'Events the outbox relay produced to Kafka, by topic',
  labelNames: ['topic'] as const,
});

export const notificationDeliveryAttempts = new Counter({
  name: 'concord_notification_delivery_attempts_total',
  help: 'Tries at delivering a notification, by channel (webhook, email) and outcome (delivered, failed)',
  labelNames: ['channel', 'outcome'] as const,
});

export const notificationDeliveryDuration = new Histogram({
  name: 'concord_notification_delivery_duration_seconds',
  help: 'How long one try at delivering a notification took, by channel',
  labelNames: ['channel'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
});

export const notificationsFinished = new Counter({
  name: 'concord_notifications_finished_total',
  help: 'Notifications that reached their last state, by channel and outcome (delivered, failed after the last try)',
  labelNames: ['channel', 'outcome'] as const,
});

/** One value of a gauge computed at scrape time. */
export interface Sample<L extends string> {
  readonly labels?: Partial<Record<L, string | number>>;
  readonly value: number;
}

/**
 * A gauge whose values `read` computes each time it is scraped, replacing the earlier ones (a
 * partition that went away disappears). Registering a name again replaces the earlier gauge.
 * When `read` fails the gauge reports nothing that scrape, and the failure is logged once per
 * scrape by `onError`.
 */
export function scrapedGauge<L extends string>(options: {
  readonly name: string;
  readonly help: string;
  readonly labelNames?: readonly L[];
  readonly read: () => Promise<readonly Sample<L>[]>;
  readonly onError?: (error: unknown) => void;
}): void {
  metricsRegistry.removeSingleMetric(options.name);
  const { read, onError } = options;
  new Gauge<L>({
    name: options.name,
    help: options.help,
    labelNames: options.labelNames ?? [],
    async collect() {
      this.reset();
      try {
        for (const { labels, value } of await read()) {
          if (labels) this.set(labels, value);
          else this.set(value);
        }
      } catch (error) {
        onError?.(error);
      }
    },
  });
}
