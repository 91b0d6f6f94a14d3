import { Kafka, KafkaConfig } from 'kafkajs';

/** What the fix below touches of kafkajs's request queue (src/network/requestQueue). */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's pause before re-checking a queue whose requests wait (CHECK_PENDING_REQUESTS_INTERVAL). */
const CHECK_PENDING_MS = 10;

let fixed = false;

/**
 * kafkajs 2.2.4, its last release, keeps every connection busy forever once it has sent one
 * request: `scheduleCheckPendingRequests` arms `setTimeout(check, throttledUntil - Date.now())`
 * even when no request waits, `throttledUntil` is -1 unless a broker throttled, so the delay is
 * negative and Node runs it after 1 ms — and the check arms it again. An idle service spent 3–4 %
 * of a core on that loop (docs/benchmarks.md); Node 24 also prints `TimeoutNegativeWarning` for
 * it. Known upstream (tulios/kafkajs#1556, #1704, #1751), with fixes that were never merged.
 *
 * This replaces the method with one that arms the timer only while requests wait: for when the
 * throttle ends, else after kafkajs's 10 ms. Nothing else needs it: `push` calls it when a
 * request cannot go at once, and a completed request checks the queue itself.
 */
export function fixKafkajsRequestQueue(): void {
  if (fixed) return;
  fixed = true;
  // kafkajs exports no such class; its source file is the only way to reach it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as {
    prototype: RequestQueueInternals;
  };
  RequestQueue.prototype.scheduleCheckPendingRequests = function (this: RequestQueueInternals) {
    if (this.throttleCheckTimeoutId !== null || this.pending.length === 0) return;
    const untilUnthrottled = this.throttledUntil - Date.now();
    this.throttleCheckTimeoutId = setTimeout(
      () => {
        this.throttleCheckTimeoutId = null;
        this.checkPendingRequests();
      },
      untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_MS,
    );
  };
}

/** A kafkajs client; every Kafka client in Concord (services, scripts, tests) is made here. */
export function newKafkaClient(config: KafkaConfig): Kafka {
  fixKafkajsRequestQueue();
  return new Kafka(config);
}
