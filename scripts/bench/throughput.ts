import { Drain, drainBacklog } from './drain';
import { awaitCompletion } from './hand-off-phase';
import { now } from './hand-off-tracker';
import { runOpenLoop } from './open-loop-load';
import {
  BacklogSample,
  bestSustainedRate,
  judgeStep,
  nextRate,
  SteppingPlan,
} from './rate-stepping';
import { sampleMemory } from './services';
import { BenchSystem } from './system';

export interface ThroughputStep {
  readonly rate: number;
  readonly seconds: number;
  readonly accepted: number;
  readonly completed: number;
  /** Referrals counted by insights' KPIs at the end of the step (cumulative over the run). */
  readonly insightsSubmitted: number;
  readonly maxLag: number;
  readonly lagSamples: BacklogSample[];
  readonly sustained: boolean;
  readonly reason: string;
}

export interface ThroughputResult {
  readonly steps: ThroughputStep[];
  readonly bestRate: number;
  readonly memory: Record<string, { sampledPeakMb: number; hwmMb: number }>;
  /** How long the backlog of each step that was not sustained took to work off. */
  readonly drains: Drain[];
}

/** Total consumer-group lag of the services, sampled every second while `during` runs. */
async function sampleLag<T>(
  system: BenchSystem,
  during: Promise<T>,
): Promise<{ value: T; samples: BacklogSample[] }> {
  const samples: BacklogSample[] = [];
  const start = now();
  let running = true;
  const sampler = (async () => {
    while (running) {
      const lag = await system.lag.measure().catch(() => undefined);
      if (lag) {
        const backlog = Object.values(lag).reduce((sum, value) => sum + value, 0);
        samples.push({ atSeconds: (now() - start) / 1000, backlog });
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  const value = await during;
  running = false;
  await sampler;
  return { value, samples };
}

async function insightsSubmitted(system: BenchSystem): Promise<number> {
  const report = await system.client
    .call<{ referrals: { submitted: number } }>(
      { role: 'admin' },
      'insights',
      'GET',
      `/kpis?initiativeId=${system.fixtures.initiativeId}`,
    )
    .catch(() => undefined);
  return report?.referrals.submitted ?? -1;
}

/**
 * Steps the offered rate (open loop) until the pipeline no longer keeps up: a step is sustained
 * when its requests were answered, its referrals fully processed (assigned, funding reserved,
 * partner notified) within the grace period, and the services' consumer lag did not grow.
 */
export async function findSustainedThroughput(system: BenchSystem): Promise<ThroughputResult> {
  const { settings } = system;
  const plan: SteppingPlan = {
    startRate: settings.throughputStartRate,
    factor: 2,
    maxRate: settings.throughputMaxRate,
    resolution: 0.1,
    maxSteps: settings.throughputMaxSteps,
  };
  const memory = sampleMemory(system.services);
  const steps: ThroughputStep[] = [];
  const drains: Drain[] = [];
  for (let rate = nextRate(steps, plan); rate !== null; rate = nextRate(steps, plan)) {
    console.log(`[bench] throughput step: ${rate}/s for ${settings.throughputSeconds} s`);
    const { value: run, samples } = await sampleLag(
      system,
      runOpenLoop(
        system.target,
        rate,
        settings.throughputSeconds,
        `throughput-${rate}-${steps.length}`,
      ),
    );
    const ids = run.submissions.flatMap((s) => (s.referralId ? [s.referralId] : []));
    const completed = await awaitCompletion(system.tracker, ids, settings.graceSeconds * 1000);
    const verdict = judgeStep({
      rate,
      scheduled: run.submissions.length,
      accepted: ids.length,
      completed,
      backlog: samples,
    });
    steps.push({
      rate,
      seconds: settings.throughputSeconds,
      accepted: ids.length,
      completed,
      insightsSubmitted: await insightsSubmitted(system),
      maxLag: Math.max(0, ...samples.map((sample) => sample.backlog)),
      lagSamples: samples,
      ...verdict,
    });
    system.tracker.forget(ids);
    console.log(
      `[bench]   ${verdict.sustained ? 'sustained' : 'not sustained'}: ${verdict.reason}`,
    );
    // Let a failed step's backlog drain before the next one starts.
    if (!verdict.sustained) drains.push(await drainBacklog(system, `throughput ${rate}/s`));
  }
  return { steps, bestRate: bestSustainedRate(steps), memory: await memory.stop(), drains };
}
