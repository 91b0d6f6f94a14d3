import { randomUUID } from 'node:crypto';
import { eventually, query } from '../support/infrastructure';
import { ProbePair } from '../support/probe';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';

/**
 * The consumer handles what one fetch returns for a partition in one transaction. Pings are
 * published while the consumer is down, so that its first fetch returns all of them at once.
 */
describe('a fetched batch of messages', () => {
  let probes: ProbePair;
  let token: string;

  beforeEach(async () => {
    probes = await ProbePair.create({
      KAFKA_PARTITIONS: '1',
      EVENT_MAX_ATTEMPTS: '3',
      EVENT_RETRY_BACKOFF_MS: '500',
    });
    await probes.pinger.startHealthy();
    token = await devToken('admin');
  });

  afterEach(() => probes.dispose());

  /** Waits until the pinger's relay has put every ping on the topic. */
  const published = () =>
    eventually('the pings on the topic', async () => {
      const [{ staged }] = await query<{ staged: string }>(
        probes.pinger.env.DATABASE_URL,
        `SELECT count(*) AS staged FROM outbox_messages`,
      );
      return staged === '0';
    });

  const recorded = (ids: readonly string[]) =>
    query<{ processed_at: string }>(
      probes.ponger.env.DATABASE_URL,
      `SELECT processed_at::text AS processed_at FROM processed_messages WHERE message_id = ANY($1::text[])`,
      [ids],
    );

  it('is recorded as processed by one transaction, each message exactly once', async () => {
    const probeId = randomUUID();
    const ids = await probes.ping(0, 40, { token, probeId });
    await published();
    await probes.ponger.startHealthy();

    await eventually('the 40 pings handled', async () => (await recorded(ids)).length === 40);
    // now() is the transaction's start (to the microsecond): one value, one transaction.
    const times = new Set((await recorded(ids)).map((row) => row.processed_at));
    expect(times.size).toBe(1);
    const effects = (await probes.effects(probes.ponger, PINGED)).filter(
      (row) => row.probe_id === probeId,
    );
    expect(effects.map((row) => row.sequence)).toEqual([...Array(40).keys()]);
  });

  it('with a message that fails is handled one by one: the rest once each, the failing one retried alone', async () => {
    const before = randomUUID();
    const poison = randomUUID();
    const after = randomUUID();
    const beforeIds = await probes.ping(0, 10, { token, probeId: before });
    const [poisonId] = await probes.ping(0, 1, {
      token,
      probeId: poison,
      behaviour: 'always-fail',
    });
    const afterIds = await probes.ping(0, 10, { token, probeId: after });
    await published();
    await probes.ponger.startHealthy();

    await eventually(
      'the 20 healthy pings handled',
      async () => (await recorded([...beforeIds, ...afterIds])).length === 20,
    );
    const effects = await probes.effects(probes.ponger, PINGED);
    const sequencesOf = (probeId: string) =>
      effects.filter((row) => row.probe_id === probeId).map((row) => row.sequence);
    expect(sequencesOf(before)).toEqual([...Array(10).keys()]);
    expect(sequencesOf(after)).toEqual([...Array(10).keys()]);
    expect(sequencesOf(poison)).toEqual([]);
    // Each in a transaction of its own after the batch's was rolled back.
    const times = new Set(
      (await recorded([...beforeIds, ...afterIds])).map((row) => row.processed_at),
    );
    expect(times.size).toBe(20);
    expect(await recorded([poisonId])).toEqual([]);
    expect(probes.ponger.output).toContain('is handled one by one');
  });
});
