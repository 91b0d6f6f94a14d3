import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf, headersToStrings } from '@concord/contracts';
import { DeadLetterHeaders, SIGNATURE_HEADER } from '@concord/messaging';
import { eventually, produceRaw, readTopic } from '../support/infrastructure';
import { ProbePair } from '../support/probe';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';
const SIGNING_KEYS = `k1:${'s'.repeat(48)}`;

/** Both probes hold the signing key, as every service of a deployment with EVENT_SIGNING_KEYS does. */
describe('with envelope signing on', () => {
  let probes: ProbePair;
  let token: string;

  beforeAll(async () => {
    probes = await ProbePair.create({ EVENT_SIGNING_KEYS: SIGNING_KEYS, KAFKA_PARTITIONS: '1' });
    await Promise.all([probes.pinger.startHealthy(), probes.ponger.startHealthy()]);
    token = await devToken('admin');
  });

  afterAll(() => probes.dispose());

  const deadLetterOf = async (eventId: string) => {
    let error: string | undefined;
    await eventually(`event ${eventId} in the dead-letter topic`, async () => {
      const dead = await readTopic(deadLetterTopicOf(probes.topic), 1);
      const letter = dead.find((message) => message.headers?.ce_id?.toString() === eventId);
      error = letter && headersToStrings(letter.headers)[DeadLetterHeaders.error];
      return error !== undefined;
    });
    return error;
  };

  const sequencesOf = async (probeId: string) =>
    (await probes.effects(probes.ponger, PINGED))
      .filter((row) => row.probe_id === probeId)
      .map((row) => row.sequence);

  it('a consumer holding the key handles what the relay signed', async () => {
    await probes.ping(0, 3, { token });
    await eventually('three signed pings to be handled', async () => {
      return (await sequencesOf(probes.probeId)).length === 3;
    });
    const [published] = await readTopic(probes.topic, 1);
    expect(headersToStrings(published.headers)[SIGNATURE_HEADER]).toMatch(/^k1:[\w-]{43}$/);
  });

  it('a signed event altered on its way goes to the dead-letter topic and changes nothing', async () => {
    const [eventId] = await probes.ping(10, 1, { token });
    const original = (await readTopic(probes.topic, 1)).find(
      (message) => message.headers?.ce_id?.toString() === eventId,
    );
    const forgedId = randomUUID();
    const forgedProbe = randomUUID();
    await produceRaw(
      probes.topic,
      forgedProbe,
      JSON.stringify({ probeId: forgedProbe, sequence: 11, behaviour: 'ok' }),
      { ...headersToStrings(original?.headers), ce_id: forgedId, ce_subject: forgedProbe },
    );

    expect(await deadLetterOf(forgedId)).toContain('does not match the message (key "k1")');
    expect(await sequencesOf(forgedProbe)).toEqual([]);
  });

  it('an unsigned event that keeps every other rule goes to the dead-letter topic, untried', async () => {
    const unsignedId = randomUUID();
    const unsignedProbe = randomUUID();
    await produceRaw(
      probes.topic,
      unsignedProbe,
      JSON.stringify({ probeId: unsignedProbe, sequence: 1, behaviour: 'ok' }),
      {
        ce_specversion: '1.0',
        ce_id: unsignedId,
        ce_type: PINGED,
        ce_source: '/tests/intruder',
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
      },
    );

    expect(await deadLetterOf(unsignedId)).toContain(`header ${SIGNATURE_HEADER} is missing`);
    expect(await sequencesOf(unsignedProbe)).toEqual([]);
    expect((await fetch(`${probes.ponger.url}/health`)).status).toBe(200);
  });
});
