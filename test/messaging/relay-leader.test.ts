import { randomUUID } from 'node:crypto';
import { eventually, freePort, query } from '../support/infrastructure';
import { PROBE_SCRIPT, ProbePair } from '../support/probe';
import { ServiceProcess } from '../support/service-process';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';
/** libs/messaging's outbox relay lock, as pg_locks shows a bigint key: its low 32 bits. */
const RELAY_LOCK_ID = 0x0c0c0d;

/**
 * Two instances of one publisher on one database: one of them, the leader, relays the outbox of
 * both; when it dies, the other takes over on its next commit.
 */
describe('the outbox relay of two instances', () => {
  let probes: ProbePair;
  let second: ServiceProcess;
  let token: string;

  beforeAll(async () => {
    probes = await ProbePair.create({ KAFKA_PARTITIONS: '1' });
    await probes.pinger.startHealthy();
    second = new ServiceProcess(PROBE_SCRIPT, {
      ...probes.pinger.env,
      HTTP_PORT: String(await freePort()),
    });
    await Promise.all([second.startHealthy(), probes.ponger.startHealthy()]);
    token = await devToken('admin');
  });

  afterAll(async () => {
    await second.stop();
    await probes.dispose();
  });

  /** The sessions holding the relay's lock in the publisher's database. */
  const leaders = () =>
    query<{ pid: number }>(
      probes.pinger.env.DATABASE_URL,
      `SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database
        WHERE l.locktype = 'advisory' AND l.objid = $1 AND l.granted
          AND d.datname = current_database()`,
      [RELAY_LOCK_ID],
    );

  /** Commits pings through `publisher` and waits until the consumer has handled them. */
  const pingThrough = async (publisher: ServiceProcess, count: number) => {
    const probeId = randomUUID();
    const response = await fetch(`${publisher.url}/probe/pings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ probeId, firstSequence: 0, count, behaviour: 'ok' }),
    });
    expect(response.status).toBe(201);
    await eventually(`${count} pings through ${publisher.url} handled`, async () => {
      const effects = await probes.effects(probes.ponger, PINGED);
      return effects.filter((row) => row.probe_id === probeId).length === count;
    });
  };

  it('has one leader, which publishes what the other instance commits', async () => {
    expect(await leaders()).toHaveLength(1);
    await pingThrough(second, 5);
    await pingThrough(probes.pinger, 5);
    expect(await leaders()).toHaveLength(1);
  });

  it('elects the other instance when the leader dies, and it publishes at once', async () => {
    const [before] = await leaders();
    // The first instance took the lock on its first round, before the second started.
    await probes.pinger.kill9();
    await pingThrough(second, 5);
    const after = await leaders();
    expect(after).toHaveLength(1);
    expect(after[0].pid).not.toBe(before.pid);
  });
});
