import { CpuUse, startCpuAccounting } from './cpu-accounting';
import { Drain, drainBacklog } from './drain';
import { awaitCompletion, PhaseResult, summarizePhase } from './hand-off-phase';
import { runOpenLoop } from './open-loop-load';
import { BenchSystem } from './system';

/** Kafka deliveries of one phase: every event once per service subscribed to its topic. */
export interface Deliveries {
  readonly label: string;
  readonly referrals: number;
  readonly deliveries: number;
  readonly perReferral: number;
}

export interface AccountedPhase {
  readonly phase: PhaseResult;
  readonly cpu: CpuUse;
  readonly drain: Drain;
  readonly deliveries: Deliveries;
}

/**
 * One open-loop latency phase, accounted honestly: latencies as the phase's referrals were
 * processed within the grace period, but CPU and Kafka deliveries counted until the backlog is
 * drained and divided by the referrals fully processed by then, so that a phase that falls
 * behind is charged for the work it left.
 */
export async function runAccountedPhase(
  system: BenchSystem,
  rate: number,
  seconds: number,
  /** Unique in a run: the load's idempotency keys are made from it. */
  label = `latency-${rate}`,
): Promise<AccountedPhase> {
  const grace = system.settings.graceSeconds * 1000;
  const cpu = await startCpuAccounting(system.services);
  const consumedBefore = await system.lag.committed();
  const run = await runOpenLoop(system.target, rate, seconds, label);
  const ids = run.submissions.flatMap((s) => (s.referralId ? [s.referralId] : []));
  const completedInGrace = await awaitCompletion(system.tracker, ids, grace);
  const phase = summarizePhase(label, run, system.tracker, completedInGrace);
  const drain = await drainBacklog(system, `latency ${rate}/s`);
  // Webhooks leave from the delivery worker after the last event is consumed.
  const processed = await awaitCompletion(system.tracker, ids, grace);
  const deliveries = (await system.lag.committed()) - consumedBefore;
  system.tracker.forget(ids);
  return {
    phase,
    drain,
    cpu: await cpu.stop(`${rate}/s`, processed),
    deliveries: {
      label: `${rate}/s`,
      referrals: processed,
      deliveries,
      perReferral: processed === 0 ? 0 : Math.round((deliveries / processed) * 10) / 10,
    },
  };
}
