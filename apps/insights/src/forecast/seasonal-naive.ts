import { Forecaster } from './forecaster';

/**
 * Next year's week is this year's: week n + h is forecast as the week one season before it
 * (h > seasonLength wraps round the last season). The benchmark every seasonal model has to beat,
 * and the fallback when a series is too short for anything fitted.
 */
export const seasonalNaive = (seasonLength: number): Forecaster => ({
  method: 'seasonal-naive',
  minimumHistory: seasonLength,
  forecast(history, horizon) {
    const lastSeason = history.slice(history.length - seasonLength);
    return Array.from({ length: horizon }, (_, step) => lastSeason[step % seasonLength]);
  },
});
