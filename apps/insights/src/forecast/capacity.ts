import { ForecastInputError } from './forecast-input.error';
import { WeekForecast } from './forecast';

/**
 * Forecast demand against a partner's declared capacity, by Little's law: the cases open at
 * once (L) are the rate cases arrive (λ, referrals a week) times how long a case stays open
 * (W, weeks): L = λW. So 20 referrals a week that stay open 3 weeks on average keep 60 cases open,
 * and a partner declaring room for 50 open cases will be short.
 *
 * What the law assumes, and so what this reading of it assumes:
 * - a stable system: arrivals and departures balance over time, every case that opens closes.
 *   A partner already over capacity (cases queueing, durations growing) is not stable, and its
 *   figures there are a floor;
 * - long-run averages: L, λ and W are averages over a long enough time, not any one week's.
 *   Applying it week by week, with that week's forecast as λ, supposes that demand changes slowly
 *   next to W. When demand rises faster, the open cases follow it some weeks later, so a flag
 *   comes early; when it falls, the cases already open still take W weeks to close, so a flag
 *   clears early too;
 * - W is the mean time open of the cases the partner will take, measured on the ones it took.
 *
 * Counts and averages only, like the forecast: nothing about any case or person.
 */

export interface CapacityInput {
  /** The partner's share of the forecast demand, week by week (forecastDemand's `forecast`). */
  forecast: readonly WeekForecast[];
  /** The mean number of weeks a case stays open with the partner (W); above 0. */
  meanWeeksOpen: number;
  /** The open cases the partner declares it can hold at once; 0 or more. */
  capacityOpenCases: number;
}

export interface WeekCapacityOutlook {
  week: string;
  /** Expected arrivals × mean weeks open. */
  expectedOpenCases: number;
  /** The forecast's high bound × mean weeks open. */
  highOpenCases: number;
  capacityOpenCases: number;
  /** Capacity − expected open cases: below 0 by as many cases as demand will exceed it. */
  margin: number;
  /** Capacity − open cases at the high bound. */
  marginAtHigh: number;
  /** The expected open cases exceed capacity. */
  exceeds: boolean;
  /** The high bound's open cases exceed capacity: demand may exceed it (true when `exceeds` is). */
  mayExceed: boolean;
}

export function capacityOutlook({
  forecast,
  meanWeeksOpen,
  capacityOpenCases,
}: CapacityInput): WeekCapacityOutlook[] {
  if (!(Number.isFinite(meanWeeksOpen) && meanWeeksOpen > 0)) {
    throw new ForecastInputError(
      'CAPACITY_INVALID',
      `The mean weeks a case stays open is a finite number above 0; got ${meanWeeksOpen}.`,
    );
  }
  if (!(Number.isFinite(capacityOpenCases) && capacityOpenCases >= 0)) {
    throw new ForecastInputError(
      'CAPACITY_INVALID',
      `Capacity in open cases is a finite number, 0 or more; got ${capacityOpenCases}.`,
    );
  }
  return forecast.map(({ week, expected, high }) => {
    const expectedOpenCases = expected * meanWeeksOpen;
    const highOpenCases = high * meanWeeksOpen;
    return {
      week,
      expectedOpenCases,
      highOpenCases,
      capacityOpenCases,
      margin: capacityOpenCases - expectedOpenCases,
      marginAtHigh: capacityOpenCases - highOpenCases,
      exceeds: expectedOpenCases > capacityOpenCases,
      mayExceed: highOpenCases > capacityOpenCases,
    };
  });
}
