import {
  Context,
  context,
  Link,
  propagation,
  ROOT_CONTEXT,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/**
 * How a trace crosses Kafka. An event is written to the outbox inside the work that causes it (an
 * HTTP request, or the handling of another event) but produced later by the relay, in another
 * context: so the context is captured when the outbox row is written and travels in its headers
 * twice — `traceparent`/`tracestate` (W3C Trace Context, as OpenTelemetry's Kafka
 * instrumentations read it) and `ce_traceparent`/`ce_tracestate` (the CloudEvents
 * distributed-tracing extension in the Kafka binding, which CloudEvents SDKs read). The relay's
 * `send` span is a child of the captured context and replaces it in the headers; each consumer's
 * `process` span is a child of that. With tracing off no span is active, so no header is written
 * and nothing here does any work.
 */
export const TRACE_HEADERS = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  cloudEventsTraceparent: 'ce_traceparent',
  cloudEventsTracestate: 'ce_tracestate',
} as const;

const tracer = () => trace.getTracer('concord-messaging');

/** The trace context of the work in progress, as message headers; none when nothing is traced. */
export function traceHeadersOfCurrentWork(): Record<string, string> {
  return trace.getActiveSpan() ? traceHeadersOf(context.active()) : {};
}

function traceHeadersOf(work: Context): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(work, carrier);
  if (!carrier.traceparent) return {};
  const headers: Record<string, string> = {
    [TRACE_HEADERS.traceparent]: carrier.traceparent,
    [TRACE_HEADERS.cloudEventsTraceparent]: carrier.traceparent,
  };
  if (carrier.tracestate) {
    headers[TRACE_HEADERS.tracestate] = carrier.tracestate;
    headers[TRACE_HEADERS.cloudEventsTracestate] = carrier.tracestate;
  }
  return headers;
}

/** The context a message's headers carry (W3C first, then the CloudEvents extension). */
export function traceContextOf(headers: Readonly<Record<string, string>>): Context | undefined {
  const traceparent =
    headers[TRACE_HEADERS.traceparent] ?? headers[TRACE_HEADERS.cloudEventsTraceparent];
  if (!traceparent) return undefined;
  const tracestate =
    headers[TRACE_HEADERS.tracestate] ?? headers[TRACE_HEADERS.cloudEventsTracestate];
  const carrier: Record<string, string> = tracestate
    ? { traceparent, tracestate }
    : { traceparent };
  const extracted = propagation.extract(ROOT_CONTEXT, carrier);
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/** What a traced message is, for its span's attributes. */
export interface TracedMessage {
  readonly topic: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly partition?: number;
  readonly offset?: string;
  readonly key?: string;
}

/** A `send` span that is started, and the message's headers that now name it. */
export interface SendSpan {
  readonly headers: Record<string, string>;
  end(error?: unknown): void;
}

/**
 * The relay's `send <topic>` span for one outbox row, a child of the context captured when the
 * row was written. An untraced row (written with tracing off, or outside any span) gets none.
 */
export function startSendSpan(message: TracedMessage): SendSpan | undefined {
  const parent = traceContextOf(message.headers);
  if (!parent) return undefined;
  const span = tracer().startSpan(
    `send ${message.topic}`,
    { kind: SpanKind.PRODUCER, attributes: messageAttributes(message, 'send') },
    parent,
  );
  return {
    headers: { ...message.headers, ...traceHeadersOf(trace.setSpan(parent, span)) },
    end: (error) => endSpan(span, error),
  };
}

/**
 * Runs `work` as the `process <event type>` span of one consumed message: a child of the context
 * the message carries, active while the work runs, so its SQL and the events it publishes belong
 * to the same trace.
 */
export function processMessage<T>(message: TracedMessage, work: () => Promise<T>): Promise<T> {
  const parent = traceContextOf(message.headers);
  if (!parent) return work();
  return inSpan(
    tracer().startSpan(
      `process ${message.headers.ce_type ?? message.topic}`,
      { kind: SpanKind.CONSUMER, attributes: messageAttributes(message, 'process') },
      parent,
    ),
    parent,
    work,
  );
}

/**
 * Runs `work` — the transaction that handles consecutive messages of one partition together — as
 * a `process <topic>` span linked to every message's context. When all the messages belong to one
 * trace (one workflow's events, the usual case), the span is part of it.
 */
export function processBatch<T>(
  messages: readonly TracedMessage[],
  work: () => Promise<T>,
): Promise<T> {
  const contexts = messages
    .map((message) => traceContextOf(message.headers))
    .filter((found): found is Context => found !== undefined);
  if (contexts.length === 0) return work();
  const links: Link[] = contexts.map((found) => ({ context: trace.getSpanContext(found)! }));
  const traces = new Set(links.map((link) => link.context.traceId));
  const parent = traces.size === 1 ? contexts[0] : ROOT_CONTEXT;
  const span = tracer().startSpan(
    `process ${messages[0].topic}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': messages[0].topic,
        'messaging.batch.message_count': messages.length,
      },
    },
    parent,
  );
  return inSpan(span, parent, work);
}

/**
 * Runs `work` — done later, in a context of its own, for a traced piece of work that stored its
 * `traceparent` (a notification's delivery) — as a span that continues that trace; without a
 * trace context, untraced.
 */
export function continueTrace<T>(
  traceparent: string | null | undefined,
  name: string,
  attributes: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  const parent = traceparent ? traceContextOf({ traceparent }) : undefined;
  if (!parent) return work();
  return inSpan(tracer().startSpan(name, { attributes }, parent), parent, work);
}

async function inSpan<T>(span: Span, parent: Context, work: () => Promise<T>): Promise<T> {
  try {
    const result = await context.with(trace.setSpan(parent, span), work);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
  }
  span.end();
}

function messageAttributes(
  message: TracedMessage,
  operation: 'send' | 'process',
): Record<string, string | number> {
  const attributes: Record<string, string | number> = {
    'messaging.system': 'kafka',
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
    'messaging.destination.name': message.topic,
  };
  const { ce_id: id, ce_type: type, ce_correlationid: correlationId } = message.headers;
  if (id) attributes['messaging.message.id'] = attributes['cloudevents.event_id'] = id;
  if (type) attributes['cloudevents.event_type'] = type;
  if (correlationId) attributes['concord.correlation_id'] = correlationId;
  if (message.key !== undefined) attributes['messaging.kafka.message.key'] = message.key;
  if (message.partition !== undefined) {
    attributes['messaging.destination.partition.id'] = String(message.partition);
  }
  if (message.offset !== undefined) attributes['messaging.kafka.offset'] = Number(message.offset);
  return attributes;
}
