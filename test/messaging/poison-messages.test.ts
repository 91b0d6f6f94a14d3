import { randomUUID } from 'node:crypto';
import { CloudEvent, Kafka as CloudEventsKafka, KafkaMessage } from 'cloudevents';
import { deadLetterTopicOf, headersToStrings } from '@concord/contracts';
import { DeadLetterHeaders } from '@concord/messaging';
import type { KafkaMessage as BrokerMessage } from 'kafkajs';
import { eventually, produceRaw, query, readTopic } from '../support/infrastructure';
import { ProbePair } from '../support/probe';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';
const MAX_ATTEMPTS = 4;

/** One partition, so that everything published here queues behind whatever comes first. */
describe('messages that cannot be handled', () => {
  let probes: ProbePair;
  let token: string;

  beforeAll(async () => {
    probes = await ProbePair.create({
      KAFKA_PARTITIONS: '1',
      EVENT_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      EVENT_RETRY_BACKOFF_MS: '800',
    });
    await Promise.all([probes.pinger.startHealthy(), probes.ponger.startHealthy()]);
    token = await devToken('admin');
  });

  afterAll(() => probes.dispose());

  const handledSequences = async (probeId: string) =>
    (await probes.effects(probes.ponger, PINGED))
      .filter((row) => row.probe_id === probeId)
      .map((row) => row.sequence);

  it('go to the DLQ after N tries while later messages on the same partition are handled meanwhile', async () => {
    const poisonProbe = randomUUID();
    const [poisonId] = await probes.ping(0, 1, {
      token,
      behaviour: 'always-fail',
      probeId: poisonProbe,
    });
    const healthyProbe = randomUUID();
    await probes.ping(0, 20, { token, probeId: healthyProbe });

    await eventually('the 20 messages behind the poison to be handled', async () => {
      return (await handledSequences(healthyProbe)).length === 20;
    });
    const waiting = await query<{ attempts: number }>(
      probes.ponger.env.DATABASE_URL,
      `SELECT attempts FROM consumer_retries WHERE headers->>'ce_id' = $1`,
      [poisonId],
    );
    expect(waiting).toHaveLength(1);
    expect(waiting[0].attempts).toBeLessThan(MAX_ATTEMPTS);

    const [dead] = (await readTopic(deadLetterTopicOf(probes.topic), 1)).filter(
      (message) => message.headers?.ce_id?.toString() === poisonId,
    );
    const headers = headersToStrings(dead.headers);
    expect(headers[DeadLetterHeaders.attempts]).toBe(String(MAX_ATTEMPTS));
    expect(headers[DeadLetterHeaders.error]).toContain('is configured to fail');
    expect(headers[DeadLetterHeaders.topic]).toBe(probes.topic);
    expect(await handledSequences(poisonProbe)).toEqual([]);
  });

  it('hold later messages of the failing key back until it is dead-lettered, then handle them in order', async () => {
    const probeId = randomUUID();
    const [poisonId] = await probes.ping(0, 1, { token, behaviour: 'always-fail', probeId });
    await probes.ping(1, 3, { token, probeId });

    let letter: BrokerMessage | undefined;
    await eventually('the poison on the DLQ', async () => {
      const dead = await readTopic(deadLetterTopicOf(probes.topic), 1);
      letter = dead.find((message) => message.headers?.ce_id?.toString() === poisonId);
      return letter !== undefined;
    });
    await eventually('the 3 messages behind the poison to be handled', async () => {
      return (await handledSequences(probeId)).length === 3;
    });
    const handled = await query<{ sequence: number; handled_at: Date }>(
      probes.ponger.env.DATABASE_URL,
      `SELECT sequence, handled_at FROM probe_effects WHERE probe_id = $1 ORDER BY id`,
      [probeId],
    );
    expect(handled.map((row) => row.sequence)).toEqual([1, 2, 3]);
    expect(handled[0].handled_at.getTime()).toBeGreaterThanOrEqual(Number(letter?.timestamp));
  });

  it('send a payload that breaks its contract to the DLQ with the validation error, and go on', async () => {
    const id = randomUUID();
    await produceRaw(
      probes.topic,
      'not-a-probe',
      JSON.stringify({ probeId: 'nope', sequence: -1, behaviour: 'ok' }),
      {
        ce_specversion: '1.0',
        ce_id: id,
        ce_type: PINGED,
        ce_source: '/tests',
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
      },
    );
    const healthyProbe = randomUUID();
    await probes.ping(0, 1, { token, probeId: healthyProbe });

    const dead = await readTopic(deadLetterTopicOf(probes.topic), 1);
    const letter = dead.find((message) => message.headers?.ce_id?.toString() === id);
    expect(letter).toBeDefined();
    const error = headersToStrings(letter?.headers)[DeadLetterHeaders.error];
    expect(error).toContain('probeId violates isUuid');
    expect(error).toContain('sequence violates min');
    expect(headersToStrings(letter?.headers)[DeadLetterHeaders.attempts]).toBe('1');

    await eventually('the next message to be handled', async () => {
      return (await handledSequences(healthyProbe)).length === 1;
    });
    expect((await fetch(`${probes.ponger.url}/health`)).status).toBe(200);
  });

  it('send a message that is not a CloudEvent to the DLQ without trying it', async () => {
    await produceRaw(probes.topic, 'garbage', 'not even json', { ce_id: 'forged' });
    const dead = await readTopic(deadLetterTopicOf(probes.topic), 1);
    const letter = dead.find((message) => message.headers?.ce_id?.toString() === 'forged');
    expect(headersToStrings(letter?.headers)[DeadLetterHeaders.error]).toContain(
      'ce_specversion is missing',
    );
  });
});

describe('the official cloudevents SDK', () => {
  let probes: ProbePair;

  beforeAll(async () => {
    probes = await ProbePair.create();
    await Promise.all([probes.pinger.startHealthy(), probes.ponger.startHealthy()]);
  });

  afterAll(() => probes.dispose());

  it('builds messages our consumer accepts', async () => {
    const event = new CloudEvent({
      id: randomUUID(),
      type: PINGED,
      source: '/cad/test-suite',
      subject: probes.probeId,
      datacontenttype: 'application/json',
      data: { probeId: probes.probeId, sequence: 7, behaviour: 'ok' },
      correlationid: 'sdk-correlation',
    });
    const message = CloudEventsKafka.binary(event);
    await produceRaw(
      probes.topic,
      probes.probeId,
      typeof message.body === 'string' ? message.body : JSON.stringify(message.body),
      // The SDK leaves unset optional attributes in as undefined; Kafka headers must be strings.
      Object.fromEntries(
        Object.entries(message.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string',
        ),
      ),
    );
    await eventually('the SDK-built event to be handled', async () => {
      const rows = await probes.effects(probes.ponger, PINGED);
      return rows.some(
        (row) => row.event_id === event.id && row.correlation_id === 'sdk-correlation',
      );
    });
  });

  it('reads the messages our outbox relay publishes', async () => {
    const [eventId] = await probes.ping(100, 1, { token: await devToken('admin') });
    const messages = await readTopic(probes.topic, 1);
    const ours = messages.find((message) => message.headers?.ce_id?.toString() === eventId);
    expect(ours).toBeDefined();
    const received: KafkaMessage<string> = {
      key: ours?.key?.toString() ?? '',
      value: ours?.value?.toString() ?? '',
      body: ours?.value?.toString() ?? '',
      headers: headersToStrings(ours?.headers),
    };
    const parsed = CloudEventsKafka.toEvent(received) as CloudEvent<{ sequence: number }>;
    expect(parsed.specversion).toBe('1.0');
    expect(parsed.id).toBe(eventId);
    expect(parsed.type).toBe(PINGED);
    expect(parsed.source).toBe(`/concord/${probes.pinger.env.PROBE_SERVICE}`);
    expect(parsed.subject).toBe(probes.probeId);
    expect(parsed.data).toEqual({ probeId: probes.probeId, sequence: 100, behaviour: 'ok' });
  });
});
