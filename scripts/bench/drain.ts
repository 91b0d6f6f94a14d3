import { now } from './hand-off-tracker';
import { BenchSystem } from './system';

/** How long the services took to work off what an earlier part left queued. */
export interface Drain {
  /** The part or step after which the backlog was measured. */
  readonly after: string;
  /** Consumer lag summed over the services when the wait began, messages. */
  readonly backlog: number;
  readonly seconds: number;
  /** False when BENCH_DRAIN_SECONDS passed first: the next part inherited the rest. */
  readonly drained: boolean;
}

/** Below this many messages of lag the services count as idle. */
const IDLE_LAG = 10;

const totalLag = async (system: BenchSystem): Promise<number | undefined> => {
  const lag = await system.lag.measure().catch(() => undefined);
  return lag && Object.values(lag).reduce((sum, value) => sum + value, 0);
};

/**
 * Waits until the services' consumer lag is back near zero (or BENCH_DRAIN_SECONDS passed), so
 * that a part does not inherit the queue an overloaded one before it left.
 */
export async function drainBacklog(system: BenchSystem, after: string): Promise<Drain> {
  const start = now();
  const deadline = start + system.settings.drainSeconds * 1000;
  const backlog = (await totalLag(system)) ?? 0;
  let drained = backlog < IDLE_LAG;
  while (!drained && now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const lag = await totalLag(system);
    drained = lag !== undefined && lag < IDLE_LAG;
  }
  const seconds = (now() - start) / 1000;
  if (backlog >= IDLE_LAG) {
    console.log(
      `[bench] backlog after ${after}: ${backlog} messages, ${drained ? 'drained' : 'NOT drained'} in ${seconds.toFixed(0)} s`,
    );
  }
  return { after, backlog, seconds, drained };
}
