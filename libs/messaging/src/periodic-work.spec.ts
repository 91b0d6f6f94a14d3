import { PeriodicWork, PeriodicWorkOptions, RoundOutcome } from './periodic-work';

/** A round that stays open until the test lets it end. */
class ControlledRounds {
  started = 0;
  concurrent = 0;
  mostAtOnce = 0;
  private ends: (() => void)[] = [];

  readonly round = async (): Promise<void> => {
    this.started += 1;
    this.concurrent += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.concurrent);
    await new Promise<void>((resolve) => this.ends.push(resolve));
    this.concurrent -= 1;
  };

  endRound(): void {
    this.ends.shift()?.();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));
const HOUR = 3_600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Started work whose round number `n` (from 1) ends with `outcome(n)`; `rounds()` counts them so
 * far.
 */
function countedWork(
  intervalMs: PeriodicWorkOptions['intervalMs'],
  outcome: (round: number) => RoundOutcome,
) {
  let rounds = 0;
  const work = new PeriodicWork({
    name: 'test',
    intervalMs,
    round: async () => outcome(++rounds),
  });
  work.start();
  return { work, rounds: () => rounds };
}

describe('PeriodicWork', () => {
  it('runs the first round at once, and the next only after the interval', async () => {
    const rounds = new ControlledRounds();
    const work = new PeriodicWork({ name: 'test', intervalMs: HOUR, round: rounds.round });
    work.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(rounds.started).toBe(1);
    rounds.endRound();
    await tick();
    expect(rounds.started).toBe(1);
    await work.stop();
  });

  it('starts once however often the bootstrap hook calls it', async () => {
    const rounds = new ControlledRounds();
    const work = new PeriodicWork({ name: 'test', intervalMs: HOUR, round: rounds.round });
    work.start();
    work.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(rounds.started).toBe(1);
    rounds.endRound();
    await work.stop();
  });

  it('asked to run during a round, runs one more right after it, never two at once', async () => {
    const rounds = new ControlledRounds();
    const work = new PeriodicWork({ name: 'test', intervalMs: HOUR, round: rounds.round });
    work.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    work.runNow();
    work.runNow();
    expect(rounds.started).toBe(1);
    rounds.endRound();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(rounds.started).toBe(2);
    rounds.endRound();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(rounds.started).toBe(2);
    expect(rounds.mostAtOnce).toBe(1);
    await work.stop();
  });

  it('goes round again at once when a round says there is more', async () => {
    let rounds = 0;
    const work = new PeriodicWork({
      name: 'test',
      intervalMs: HOUR,
      round: async () => ((rounds += 1) < 3 ? 'again' : undefined),
    });
    work.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds).toBe(3);
    await work.stop();
  });

  it('keeps going after a round that fails', async () => {
    let rounds = 0;
    const work = new PeriodicWork({
      name: 'test',
      intervalMs: 1,
      round: async () => {
        rounds += 1;
        throw new Error('the database is away');
      },
    });
    work.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await work.stop();
    expect(rounds).toBeGreaterThan(1);
  });

  it('at stop, waits for the running round and starts no other', async () => {
    const rounds = new ControlledRounds();
    const work = new PeriodicWork({ name: 'test', intervalMs: 1, round: rounds.round });
    work.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    let stopped = false;
    const stopping = work.stop().then(() => (stopped = true));
    work.runNow();
    await tick();
    expect(stopped).toBe(false);
    rounds.endRound();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(rounds.started).toBe(1);
  });

  it('runs the next round when the earliest work the last one saw falls due, before the interval', async () => {
    const { work, rounds } = countedWork(HOUR, (round) =>
      round === 1 ? { nextInMs: 20 } : undefined,
    );
    await sleep(80);
    expect(rounds()).toBe(2);
    await work.stop();
  });

  it('does nothing when woken before it was started', async () => {
    const rounds = new ControlledRounds();
    const work = new PeriodicWork({ name: 'test', intervalMs: HOUR, round: rounds.round });
    work.runNow();
    await tick();
    expect(rounds.started).toBe(0);
    await work.stop();
  });

  it('never sleeps longer than the interval, whatever a round says is due', async () => {
    const { work, rounds } = countedWork(
      () => 20,
      () => ({ nextInMs: HOUR }),
    );
    await sleep(80);
    expect(rounds()).toBeGreaterThanOrEqual(2);
    await work.stop();
  });

  it('tries a round that failed again a second later, not after the interval', async () => {
    const { work, rounds } = countedWork(HOUR, (round) => {
      if (round === 1) throw new Error('the broker is away');
    });
    await sleep(1300);
    expect(rounds()).toBe(2);
    await work.stop();
  });
});
