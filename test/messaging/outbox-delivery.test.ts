import { eventually } from '../support/infrastructure';
import { ProbePair } from '../support/probe';
import { devToken } from '../support/tokens';

const PINGED = 'concord.probe.pinged.v1';
const PONGED = 'concord.probe.ponged.v1';

describe('events committed through the outbox', () => {
  let probes: ProbePair;

  beforeAll(async () => {
    probes = await ProbePair.create();
    await Promise.all([probes.pinger.startHealthy(), probes.ponger.startHealthy()]);
  });

  afterAll(() => probes.dispose());

  it('are handled exactly once in another process, carrying the correlation and causation ids', async () => {
    const correlationId = `cad-incident-${probes.probeId}`;
    const token = await devToken('admin');
    const eventIds = await probes.ping(0, 50, { token, correlationId });

    await eventually('50 pongs back at the pinger', async () => {
      return (await probes.effects(probes.pinger, PONGED)).length >= 50;
    });
    // A pong that comes back after all of them: any duplicate of theirs arrived before it.
    await probes.marker(50, probes.pinger, PONGED, token);

    const pings = await probes.effects(probes.ponger, PINGED, 50);
    expect(pings.map((row) => row.event_id).sort()).toEqual([...eventIds].sort());
    expect(pings.map((row) => row.sequence)).toEqual([...Array(50).keys()]);
    expect(pings.every((row) => row.correlation_id === correlationId)).toBe(true);
    expect(pings.every((row) => row.causation_id?.startsWith('request:'))).toBe(true);

    const pongs = await probes.effects(probes.pinger, PONGED, 50);
    expect(pongs).toHaveLength(50);
    expect(pongs.every((row) => row.correlation_id === correlationId)).toBe(true);
    // Each pong was caused by the ping its handler received.
    expect(new Set(pongs.map((row) => row.causation_id))).toEqual(new Set(eventIds));
  });
});
