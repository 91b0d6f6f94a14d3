import { extrapolate, fitHoltWinters, holtWinters } from './holt-winters';

/** level + trend·t + a season made of a yearly wave and its second harmonic: no noise. */
const yearly = (t: number): number =>
  40 + 0.2 * t + 12 * Math.sin((2 * Math.PI * t) / 52) + 5 * Math.cos((4 * Math.PI * t) / 52);

describe('Holt–Winters (additive)', () => {
  it('recovers a noiseless trend and yearly season to within 1 % twelve weeks ahead', () => {
    const history = Array.from({ length: 156 }, (_, t) => yearly(t));
    const forecast = holtWinters(52).forecast(history, 12);
    forecast.forEach((value, s) => {
      const truth = yearly(156 + s);
      expect(Math.abs(value - truth) / truth).toBeLessThan(0.01);
    });
  });

  it('recovers a noiseless trend and an unsmoothed short season exactly, two seasons ahead', () => {
    const pattern = [5, -3, 0, 8, -2, -1, 4, -6, 3, 0, -7, -1];
    const series = (t: number) => 30 - 0.5 * t + pattern[t % 12];
    const history = Array.from({ length: 36 }, (_, t) => series(t));
    const fit = fitHoltWinters(history, 12);
    expect(fit.squaredError).toBeCloseTo(0, 9);
    extrapolate(fit, 24).forEach((value, s) => expect(value).toBeCloseTo(series(36 + s), 9));
  });

  it('is not offered with fewer than two full seasons: one cannot tell trend from season', () => {
    expect(holtWinters(52).minimumHistory).toBe(104);
    expect(() => fitHoltWinters(Array<number>(103).fill(1), 52)).toThrow(RangeError);
  });
});
