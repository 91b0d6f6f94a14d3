import {
  backlogIsGrowing,
  backlogSlope,
  bestSustainedRate,
  judgeStep,
  nextRate,
  SteppingPlan,
} from './rate-stepping';

const plan: SteppingPlan = {
  startRate: 100,
  factor: 2,
  maxRate: 1000,
  resolution: 0.1,
  maxSteps: 10,
};
const flat = [0, 1, 2, 3, 4].map((atSeconds) => ({ atSeconds, backlog: 20 }));
const rising = [0, 1, 2, 3, 4].map((atSeconds) => ({ atSeconds, backlog: 100 * atSeconds }));

describe('rate stepping', () => {
  it('measures the backlog trend as a least-squares slope', () => {
    expect(backlogSlope(rising)).toBeCloseTo(100);
    expect(backlogSlope(flat)).toBe(0);
    expect(backlogSlope([])).toBe(0);
  });

  it('calls a small steady backlog noise, and a large rising one a queue', () => {
    expect(backlogIsGrowing(flat, 100)).toBe(false);
    expect(backlogIsGrowing(rising, 100)).toBe(true);
  });

  it('does not call a large backlog that is draining a growing one', () => {
    const draining = [0, 1, 2].map((atSeconds) => ({ atSeconds, backlog: 900 - 100 * atSeconds }));
    expect(backlogIsGrowing(draining, 100)).toBe(false);
  });

  it('sustains a step that was answered, processed and left no growing backlog', () => {
    const verdict = judgeStep({
      rate: 100,
      scheduled: 1000,
      accepted: 1000,
      completed: 1000,
      backlog: flat,
    });
    expect(verdict.sustained).toBe(true);
  });

  it('fails a step whose referrals were not all processed, and says why', () => {
    const verdict = judgeStep({
      rate: 100,
      scheduled: 1000,
      accepted: 1000,
      completed: 900,
      backlog: flat,
    });
    expect(verdict).toEqual({
      sustained: false,
      reason: 'only 90.0 % fully processed by the end of the grace period',
    });
  });

  it('fails a step whose requests were refused', () => {
    const verdict = judgeStep({
      rate: 100,
      scheduled: 1000,
      accepted: 500,
      completed: 500,
      backlog: flat,
    });
    expect(verdict.sustained).toBe(false);
  });

  it('fails a step with a growing backlog even if everything finished in the grace period', () => {
    const verdict = judgeStep({
      rate: 100,
      scheduled: 1000,
      accepted: 1000,
      completed: 1000,
      backlog: rising,
    });
    expect(verdict.reason).toBe('backlog growing by 100 messages/s');
  });

  it('multiplies the rate while every step is sustained, up to the maximum', () => {
    expect(nextRate([], plan)).toBe(100);
    expect(nextRate([{ rate: 100, sustained: true }], plan)).toBe(200);
    expect(nextRate([{ rate: 800, sustained: true }], plan)).toBe(1000);
    expect(nextRate([{ rate: 1000, sustained: true }], plan)).toBeNull();
  });

  it('bisects between the best sustained and the lowest failed rate', () => {
    const steps = [
      { rate: 100, sustained: true },
      { rate: 200, sustained: true },
      { rate: 400, sustained: false },
    ];
    expect(nextRate(steps, plan)).toBe(300);
    expect(nextRate([...steps, { rate: 300, sustained: true }], plan)).toBe(350);
  });

  it('stops when the gap is within the resolution or the steps are used up', () => {
    const close = [
      { rate: 380, sustained: true },
      { rate: 400, sustained: false },
    ];
    expect(nextRate(close, plan)).toBeNull();
    expect(nextRate([{ rate: 100, sustained: true }], { ...plan, maxSteps: 1 })).toBeNull();
  });

  it('reports the best sustained rate, or 0 when none was', () => {
    expect(
      bestSustainedRate([
        { rate: 100, sustained: true },
        { rate: 200, sustained: false },
      ]),
    ).toBe(100);
    expect(bestSustainedRate([{ rate: 100, sustained: false }])).toBe(0);
  });
});
