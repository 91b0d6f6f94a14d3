import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
} from '@opentelemetry/sdk-trace';
import {
  processBatch,
  processMessage,
  startSendSpan,
  traceContextOf,
  traceHeadersOfCurrentWork,
} from './message-tracing';

describe('trace context across Kafka', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const contextManager = new AsyncLocalStorageContextManager();

  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
  });

  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  beforeEach(() => exporter.reset());

  const tracer = () => trace.getTracer('test');
  const inRequest = <T>(work: () => T): { result: T; traceId: string; spanId: string } => {
    const span = tracer().startSpan('POST /referrals', { kind: SpanKind.SERVER });
    const result = context.with(trace.setSpan(context.active(), span), work);
    span.end();
    const { traceId, spanId } = span.spanContext();
    return { result, traceId, spanId };
  };
  /** The spans under test: all but the requests that start the traces. */
  const finished = () =>
    exporter.getFinishedSpans().filter((span) => span.kind !== SpanKind.SERVER);
  const message = (headers: Record<string, string>) => ({
    topic: 'concord.referrals.v1',
    headers: { ce_type: 'concord.referral.submitted.v1', ce_id: 'event-1', ...headers },
  });

  it('writes no trace header when no span is active', () => {
    expect(traceHeadersOfCurrentWork()).toEqual({});
  });

  it('writes the active span as traceparent and as the CloudEvents extension ce_traceparent', () => {
    const { result, traceId, spanId } = inRequest(traceHeadersOfCurrentWork);
    expect(result).toEqual({
      traceparent: `00-${traceId}-${spanId}-01`,
      ce_traceparent: `00-${traceId}-${spanId}-01`,
    });
  });

  it('reads the CloudEvents extension when the W3C header is missing', () => {
    const { result, traceId } = inRequest(traceHeadersOfCurrentWork);
    const found = traceContextOf({ ce_traceparent: result.ce_traceparent });
    expect(trace.getSpanContext(found!)?.traceId).toBe(traceId);
  });

  it('ignores a malformed traceparent', () => {
    expect(traceContextOf({ traceparent: 'not-a-trace' })).toBeUndefined();
  });

  it('starts the send span as a child of the context the outbox row captured and names it in the headers', () => {
    const { result: captured, traceId, spanId } = inRequest(traceHeadersOfCurrentWork);
    const send = startSendSpan(message(captured))!;
    send.end();
    const [span] = finished();
    expect(span).toMatchObject({ name: 'send concord.referrals.v1', kind: SpanKind.PRODUCER });
    expect(span.parentSpanContext?.spanId).toBe(spanId);
    expect(span.spanContext().traceId).toBe(traceId);
    expect(send.headers.traceparent).toBe(`00-${traceId}-${span.spanContext().spanId}-01`);
    expect(send.headers.ce_traceparent).toBe(send.headers.traceparent);
  });

  it('starts no send span for an untraced row', () => {
    expect(startSendSpan(message({}))).toBeUndefined();
  });

  it('runs a handler as a consumer span, child of the send span, active for what it does', async () => {
    const { result: captured } = inRequest(traceHeadersOfCurrentWork);
    const send = startSendSpan(message(captured))!;
    send.end();
    const published = await processMessage(message(send.headers), async () =>
      traceHeadersOfCurrentWork(),
    );
    const [sendSpan, processSpan] = finished();
    expect(processSpan).toMatchObject({
      name: 'process concord.referral.submitted.v1',
      kind: SpanKind.CONSUMER,
    });
    expect(processSpan.parentSpanContext?.spanId).toBe(sendSpan.spanContext().spanId);
    expect(published.traceparent).toContain(processSpan.spanContext().spanId);
  });

  it('marks the consumer span as failed when the handler throws, and rethrows', async () => {
    const { result: captured } = inRequest(traceHeadersOfCurrentWork);
    await expect(
      processMessage(message(captured), () => Promise.reject(new Error('no budget row'))),
    ).rejects.toThrow('no budget row');
    const [span] = finished();
    expect(span.status).toMatchObject({ code: 2, message: 'Error: no budget row' });
  });

  it('makes a batch of one trace part of that trace, linked to every message', async () => {
    const { result: captured, traceId } = inRequest(traceHeadersOfCurrentWork);
    await processBatch([message(captured), message(captured)], async () => undefined);
    const [batch] = finished();
    expect(batch.spanContext().traceId).toBe(traceId);
    expect(batch.links).toHaveLength(2);
  });

  it('makes a batch of several traces a root linked to each', async () => {
    const first = inRequest(traceHeadersOfCurrentWork);
    const second = inRequest(traceHeadersOfCurrentWork);
    await processBatch([message(first.result), message(second.result)], async () => undefined);
    const [batch] = finished();
    expect(batch.parentSpanContext).toBeUndefined();
    expect(batch.links.map((link) => link.context.traceId)).toEqual([
      first.traceId,
      second.traceId,
    ]);
  });

  it('runs an untraced message with no span', async () => {
    await processMessage(message({}), async () => undefined);
    expect(finished()).toEqual([]);
  });
});
