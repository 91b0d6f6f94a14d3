import { randomBytes } from 'node:crypto';
import { CloudEvent, Kafka as CloudEventsKafka, KafkaMessage } from 'cloudevents';
import { SERVICES, WebhookReceiver } from '@concord/testing';
import { crisisCall, Riverton, seedRiverton } from '../../scripts/demo/riverton';
import { ConcordSystem } from '../support/concord-system';
import { OtlpReceiver, ReceivedSpan, SpanKind } from '../support/otlp-receiver';
import { TopicRecorder } from '../support/topic-recorder';

/**
 * One crisis call is one trace: every service exports its spans over OTLP/HTTP to a receiver of
 * the test's own, and the spans of one referral — from the dispatcher's requests through the
 * outbox, the relay's produce and every consumer's handling, with their SQL — share one trace
 * id and link up parent to child across Kafka. The dispatcher's CAD starts the trace (as a CAD
 * that traces its own work does) and sends its context with both of its requests: the lookup of
 * its incident-type mapping in agreements, which handles no referral events, and the submission.
 */
describe('one trace per referral across the services and Kafka', () => {
  jest.setTimeout(300_000);

  let receiver: OtlpReceiver;
  let webhooks: WebhookReceiver;
  let system: ConcordSystem;
  let recorder: TopicRecorder;
  let city: Riverton;
  let referralId: string;
  let spans: ReceivedSpan[];
  const traceId = randomBytes(16).toString('hex');
  const cadSpanId = randomBytes(8).toString('hex');
  const call = crisisCall();

  const isSql = (span: ReceivedSpan) =>
    span.kind === SpanKind.client &&
    (span.attributes['db.system'] === 'postgresql' ||
      span.attributes['db.system.name'] === 'postgresql');
  const byId = () => new Map(spans.map((span) => [span.spanId, span]));
  const childrenOf = (parent: ReceivedSpan) =>
    spans.filter((span) => span.parentSpanId === parent.spanId);
  const descendantsOf = (parent: ReceivedSpan): ReceivedSpan[] =>
    childrenOf(parent).flatMap((child) => [child, ...descendantsOf(child)]);

  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
    webhooks = await WebhookReceiver.start();
    const tracing = {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    system = await ConcordSystem.start({
      env: Object.fromEntries(SERVICES.map((service) => [service, tracing])),
    });
    recorder = await new TopicRecorder(['concord.referrals.v1']).start();
    city = await seedRiverton(system.client);

    const dispatcher = { role: 'dispatcher' as const, org: city.agencyId };
    await system.client.call(dispatcher, 'notifications', 'POST', '/subscriptions', {
      eventTypes: ['concord.referral.assigned.v1'],
      channel: 'webhook',
      webhook: { url: webhooks.urlFor(), secret: 'tracing-test-secret-'.padEnd(40, 'x') },
    });
    const traceparent = { traceparent: `00-${traceId}-${cadSpanId}-01` };
    await system.client.call(
      dispatcher,
      'agreements',
      'GET',
      `/organizations/${city.agencyId}/incident-types`,
      undefined,
      traceparent,
    );
    const referral = await system.client.call(
      dispatcher,
      'referrals',
      'POST',
      '/referrals',
      call,
      traceparent,
    );
    referralId = referral.id as string;
    // The referral is offered, funding reserves its cost, dispatch's inbox hears of it and
    // insights records it: the five services have handled their part.
    const seen = () => {
      const trace = receiver.trace(traceId);
      const summary = trace.map((span) => `${span.service} ${span.kind} ${span.name}`);
      return `${receiver.spans.length} spans received, ${trace.length} in the trace: ${summary.join('; ')}; refused: ${receiver.refused.join('; ')}`;
    };
    spans = await system.client
      .until(`spans of all five services in the trace`, async () => {
        const trace = receiver.trace(traceId);
        const services = new Set(trace.map((span) => span.service));
        const consumed = trace.filter((span) => span.kind === SpanKind.consumer);
        return SERVICES.every((service) => services.has(service)) &&
          consumed.some((span) => span.service === 'funding') &&
          trace.some((span) => span.name === 'deliver webhook')
          ? trace
          : undefined;
      })
      .catch((error: Error) => {
        throw new Error(`${error.message} (${seen()})`);
      });
    // What is still in flight (the last handlers' batches) arrives within a few export rounds.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    spans = receiver.trace(traceId);
  });

  afterAll(async () => {
    await recorder?.stop();
    await system?.stop();
    await receiver?.stop();
    await webhooks?.stop();
  });

  it('receives only OTLP/JSON trace exports, none refused', () => {
    expect(receiver.refused).toEqual([]);
  });

  it('holds the spans of all five services in the one trace the CAD started', () => {
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(SERVICES));
  });

  it('makes each request an HTTP server span named after its route, child of the CAD span', () => {
    const servers = spans.filter((span) => span.kind === SpanKind.server);
    expect(servers.map((span) => [span.service, span.name, span.parentSpanId])).toEqual(
      expect.arrayContaining([
        ['agreements', 'GET /organizations/:id/incident-types', cadSpanId],
        ['referrals', 'POST /referrals', cadSpanId],
      ]),
    );
  });

  it('puts the SQL of the submission inside its HTTP span, without the values', () => {
    const submission = spans.find((span) => span.name === 'POST /referrals')!;
    const sql = descendantsOf(submission).filter(isSql);
    expect(sql.length).toBeGreaterThan(0);
    const texts = sql.map((span) =>
      String(span.attributes['db.query.text'] ?? span.attributes['db.statement'] ?? ''),
    );
    expect(texts.some((text) => /INSERT INTO "?referrals"?/i.test(text))).toBe(true);
  });

  it('produces each event in a send span whose parent is the work that wrote it to the outbox', () => {
    const submission = spans.find((span) => span.name === 'POST /referrals')!;
    const sends = spans.filter((span) => span.kind === SpanKind.producer);
    expect(sends.length).toBeGreaterThan(0);
    const first = sends.find((span) => span.parentSpanId === submission.spanId);
    expect(first).toMatchObject({
      service: 'referrals',
      name: 'send concord.referrals.v1',
      attributes: expect.objectContaining({
        'messaging.system': 'kafka',
        'cloudevents.event_type': 'concord.referral.submitted.v1',
      }),
    });
  });

  it('makes every consumer span a child of a send span, across Kafka and processes', () => {
    const spansById = byId();
    const consumers = spans.filter((span) => span.kind === SpanKind.consumer);
    expect(new Set(consumers.map((span) => span.service))).toEqual(
      new Set(['referrals', 'funding', 'notifications', 'insights']),
    );
    for (const consumer of consumers) {
      const parent = spansById.get(consumer.parentSpanId ?? '');
      // A message handled in a batch is a child of its own send span, or of the batch's span.
      expect([SpanKind.producer, SpanKind.consumer]).toContain(parent?.kind);
    }
    const crossing = consumers.filter(
      (span) => spansById.get(span.parentSpanId ?? '')?.kind === SpanKind.producer,
    );
    expect(
      crossing.some((span) => spansById.get(span.parentSpanId!)!.service !== span.service),
    ).toBe(true);
  });

  it('runs the SQL of each consumer transaction inside its process span', () => {
    const consumers = spans.filter(
      (span) => span.kind === SpanKind.consumer && span.name.startsWith('process concord.'),
    );
    for (const consumer of consumers) {
      expect([consumer.name, descendantsOf(consumer).filter(isSql).length > 0]).toEqual([
        consumer.name,
        true,
      ]);
    }
  });

  it('continues the trace through events that handlers publish: referral assigned, then funded', () => {
    const spansById = byId();
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = spansById.get(span.parentSpanId ?? '');
      return parent ? [parent, ...ancestors(parent)] : [];
    };
    const fundingHandling = spans.find(
      (span) =>
        span.service === 'funding' &&
        span.kind === SpanKind.consumer &&
        span.attributes['cloudevents.event_type'] === 'concord.referral.assigned.v1',
    )!;
    expect(fundingHandling).toBeDefined();
    const path = ancestors(fundingHandling).map((span) => `${span.service}: ${span.name}`);
    expect(path).toEqual(
      expect.arrayContaining([
        'referrals: send concord.referrals.v1',
        'referrals: process concord.referral.submitted.v1',
        'referrals: POST /referrals',
      ]),
    );
  });

  it('carries the context on Kafka as traceparent and as the CloudEvents extension the SDK reads', async () => {
    const submitted = await recorder.waitFor(referralId, 'concord.referral.submitted.v1');
    const { traceparent } = submitted.headers;
    expect(traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(submitted.headers.ce_traceparent).toBe(traceparent);
    const received: KafkaMessage<string> = {
      key: referralId,
      value: submitted.value,
      body: submitted.value,
      headers: { ...submitted.headers },
    };
    const event = CloudEventsKafka.toEvent(received) as CloudEvent;
    expect(event.traceparent).toBe(traceparent);
  });

  it('continues the trace when a webhook is delivered later, and hands it to the receiver', () => {
    const spansById = byId();
    const delivery = spans.find((span) => span.name === 'deliver webhook')!;
    expect(spansById.get(delivery.parentSpanId ?? '')).toMatchObject({
      service: 'notifications',
      kind: SpanKind.consumer,
      attributes: expect.objectContaining({
        'cloudevents.event_type': 'concord.referral.assigned.v1',
      }),
    });
    const calls = childrenOf(delivery).filter((span) => span.kind === SpanKind.client);
    expect(calls.map((span) => span.name)).toContain('POST');
    const [call] = webhooks.accepted();
    expect(call.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-`));
    const delivered = descendantsOf(delivery).filter(
      (span) => span.name === 'send concord.notifications.v1',
    );
    expect(delivered).toHaveLength(1);
  });

  it('exports no personal data of the call in any span', () => {
    const exported = JSON.stringify(spans);
    const person = call.person as Record<string, string>;
    for (const value of [person.name, person.phone, call.narrative as string]) {
      expect(exported).not.toContain(value);
    }
  });
});
