import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  eventually,
  dropTestDatabase,
  freePort,
  query,
  uniqueName,
} from './infrastructure';
import { ServiceProcess } from './service-process';

export const PROBE_SCRIPT = 'dist/test/fixtures/probe/main.js';

export interface ProbeEffectRow {
  event_id: string;
  type: string;
  probe_id: string;
  sequence: number;
  correlation_id: string;
  causation_id: string | null;
}

/**
 * A pinger and a ponger (test/fixtures/probe), each with its own database, on topics of their
 * own: the smallest real pair of services that talk through the messaging library.
 */
export class ProbePair {
  readonly topic = uniqueName('concord.test.probe');
  readonly probeId = randomUUID();
  pinger!: ServiceProcess;
  ponger!: ServiceProcess;

  static async create(env: Record<string, string> = {}): Promise<ProbePair> {
    const pair = new ProbePair();
    const run = uniqueName('probe');
    const common = { PROBE_TOPIC: pair.topic, ...env };
    pair.pinger = new ServiceProcess(PROBE_SCRIPT, {
      ...common,
      PROBE_ROLE: 'pinger',
      PROBE_SERVICE: `${run}-pinger`,
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: await createTestDatabase('pinger'),
    });
    pair.ponger = new ServiceProcess(PROBE_SCRIPT, {
      ...common,
      PROBE_ROLE: 'ponger',
      PROBE_SERVICE: `${run}-ponger`,
      HTTP_PORT: String(await freePort()),
      DATABASE_URL: await createTestDatabase('ponger'),
    });
    return pair;
  }

  /** Asks the pinger to commit `count` pings through its outbox; returns their event ids. */
  async ping(
    firstSequence: number,
    count: number,
    options: {
      behaviour?: 'ok' | 'always-fail';
      token: string;
      correlationId?: string;
      probeId?: string;
    },
  ): Promise<string[]> {
    const response = await fetch(`${this.pinger.url}/probe/pings`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token}`,
        ...(options.correlationId ? { 'x-correlation-id': options.correlationId } : {}),
      },
      body: JSON.stringify({
        probeId: options.probeId ?? this.probeId,
        firstSequence,
        count,
        behaviour: options.behaviour ?? 'ok',
      }),
    });
    if (response.status !== 201) {
      throw new Error(`POST /probe/pings answered ${response.status}: ${await response.text()}`);
    }
    return ((await response.json()) as { eventIds: string[] }).eventIds;
  }

  /**
   * Publishes one more ping after the ones a test counts (same probe, so the same key and
   * partition) and waits until `service` has recorded its effect of `type`. Every message before
   * it on that partition — a redelivered duplicate included — has been handled by then, so the
   * test can count without waiting a fixed time.
   */
  async marker(
    sequence: number,
    service: ServiceProcess,
    type: string,
    token: string,
  ): Promise<void> {
    await this.ping(sequence, 1, { token });
    await eventually(`the marker ${type} #${sequence}`, async () =>
      (await this.effects(service, type)).some((row) => row.sequence === sequence),
    );
  }

  /** The effects of `type` that `service` recorded, below sequence `before` when given. */
  async effects(service: ServiceProcess, type: string, before?: number): Promise<ProbeEffectRow[]> {
    const rows = await this.allEffects(service, type);
    return before === undefined ? rows : rows.filter((row) => row.sequence < before);
  }

  private allEffects(service: ServiceProcess, type: string): Promise<ProbeEffectRow[]> {
    return query<ProbeEffectRow>(
      service.env.DATABASE_URL,
      `SELECT event_id, type, probe_id, sequence, correlation_id, causation_id
         FROM probe_effects WHERE type = $1 ORDER BY sequence`,
      [type],
    );
  }

  async dispose(): Promise<void> {
    await Promise.all([this.pinger.stop(), this.ponger.stop()]);
    await Promise.all([
      dropTestDatabase(this.pinger.env.DATABASE_URL),
      dropTestDatabase(this.ponger.env.DATABASE_URL),
    ]);
  }
}
