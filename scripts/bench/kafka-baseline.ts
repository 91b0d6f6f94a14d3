import { randomUUID } from 'node:crypto';
import { Kafka, Message } from 'kafkajs';
import { now } from './hand-off-tracker';
import { LatencySummary, summarize } from './stats';

export interface BaselineResult {
  readonly messages: number;
  readonly messageBytes: number;
  readonly throughputPerSecond: number;
  /** Produce → consume latency while the broker is saturated. */
  readonly saturatedLatencyMs: LatencySummary;
  /** Produce → consume latency at a light open-loop rate, one message per send. */
  readonly lightRate: number;
  readonly lightLatencyMs: LatencySummary;
}

/** A message shaped and sized like a real `referral.submitted` event, CloudEvents headers too. */
export function referralLikeMessage(): Message {
  const referralId = randomUUID();
  return {
    key: referralId,
    value: JSON.stringify({
      referralId,
      agencyId: randomUUID(),
      incidentReference: 'BENCH-baseline-000000',
      category: 'mental-health-crisis',
      urgency: 'same-day',
      areaCode: 'dp3wj',
      submittedAt: new Date().toISOString(),
    }),
    headers: {
      ce_specversion: '1.0',
      ce_id: randomUUID(),
      ce_type: 'concord.referral.submitted.v1',
      ce_source: '/concord/referrals',
      ce_time: new Date().toISOString(),
      ce_subject: referralId,
      ce_correlationid: randomUUID(),
      ce_causationid: randomUUID(),
      'content-type': 'application/json',
    },
  };
}

const sizeOf = (message: Message): number =>
  Buffer.byteLength(String(message.key)) +
  Buffer.byteLength(String(message.value)) +
  Object.entries(message.headers ?? {}).reduce(
    (sum, [name, value]) => sum + name.length + Buffer.byteLength(String(value)),
    0,
  );

const SENT_AT = 'bench_sent_at';

/**
 * Raw kafkajs on the same broker, with the producer settings the outbox relay uses (idempotent,
 * acks from all replicas): the most the pipeline could move if it did nothing but Kafka.
 */
export async function runKafkaBaseline(
  kafka: Kafka,
  messages: number,
  lightRate: number,
  lightSeconds: number,
): Promise<BaselineResult> {
  const topic = `concord.bench-baseline.${randomUUID().slice(0, 8)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${topic}-reader`, maxWaitTimeInMs: 50 });
  const latencies: number[] = [];
  let expected = 0;
  let done: () => void = () => undefined;
  let lastAt = 0;
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const joined = new Promise<void>((resolve) =>
    consumer.on(consumer.events.GROUP_JOIN, () => resolve()),
  );
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachMessage: async ({ message }) => {
      lastAt = now();
      latencies.push(lastAt - Number(message.headers?.[SENT_AT]?.toString()));
      if (latencies.length >= expected) done();
    },
  });
  await joined;
  const stamped = (): Message => {
    const message = referralLikeMessage();
    return { ...message, headers: { ...message.headers, [SENT_AT]: String(now()) } };
  };

  // Saturated: batches of 100, as fast as the acknowledgements come back.
  expected = messages;
  let finished = new Promise<void>((resolve) => (done = resolve));
  const startedAt = now();
  for (let sent = 0; sent < messages; sent += 100) {
    const batch = Array.from({ length: Math.min(100, messages - sent) }, stamped);
    await producer.send({ topic, acks: -1, messages: batch });
  }
  await finished;
  const throughputPerSecond = Math.round((messages * 1000) / (lastAt - startedAt));
  const saturatedLatencyMs = summarize(latencies);

  // Light: one message per send on an open-loop schedule.
  latencies.length = 0;
  const total = Math.round(lightRate * lightSeconds);
  expected = total;
  finished = new Promise<void>((resolve) => (done = resolve));
  const lightStart = now();
  const sends: Promise<unknown>[] = [];
  for (let index = 0; index < total; index++) {
    const wait = lightStart + (index * 1000) / lightRate - now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sends.push(producer.send({ topic, acks: -1, messages: [stamped()] }));
  }
  await Promise.all(sends);
  await finished;
  const lightLatencyMs = summarize(latencies);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return {
    messages,
    messageBytes: sizeOf(referralLikeMessage()),
    throughputPerSecond,
    saturatedLatencyMs,
    lightRate,
    lightLatencyMs,
  };
}
