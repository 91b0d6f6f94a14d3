import { Kafka, KafkaConfig } from 'kafkajs';

/** Where in kafkajs the negative delay comes from; matched against the warning's call stack. */
const KAFKAJS_REQUEST_QUEUE = /kafkajs[\\/]src[\\/]network[\\/]requestQueue[\\/]/;

type EmitWarning = (warning: string | Error, ...rest: unknown[]) => void;

let installed = false;

/** Whether a warning is the one kafkajs's request queue causes on Node 24 (see below). */
export function isKafkajsNegativeTimeout(type: unknown, stack: string | undefined): boolean {
  const name = typeof type === 'object' && type !== null ? (type as { type?: unknown }).type : type;
  return name === 'TimeoutNegativeWarning' && KAFKAJS_REQUEST_QUEUE.test(stack ?? '');
}

/**
 * kafkajs 2.2.4, its last release, schedules its request-queue check with `setTimeout(fn,
 * throttledUntil - Date.now())`, and `throttledUntil` is -1 until a broker throttles: a negative
 * delay on every connection. Node has always run such a timer after 1 ms; since Node 24 it also
 * prints `TimeoutNegativeWarning` on stderr (tulios/kafkajs#1751, unfixed upstream). The timer
 * does what kafkajs means, so the warning tells an operator nothing; this drops that warning, and
 * only when its call stack passes through kafkajs's request queue. Every other warning, a
 * negative timeout anywhere else included, is printed as before.
 */
export function dropKafkajsNegativeTimeoutWarning(): void {
  if (installed) return;
  installed = true;
  const emitWarning = process.emitWarning.bind(process) as EmitWarning;
  const filtered: EmitWarning = (warning, ...rest) => {
    if (isKafkajsNegativeTimeout(rest[0], new Error().stack)) return;
    emitWarning(warning, ...rest);
  };
  process.emitWarning = filtered as typeof process.emitWarning;
}

/** A kafkajs client; every Kafka client in Concord (services, scripts, tests) is made here. */
export function newKafkaClient(config: KafkaConfig): Kafka {
  dropKafkajsNegativeTimeoutWarning();
  return new Kafka(config);
}
