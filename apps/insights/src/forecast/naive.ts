import { Forecaster } from './forecaster';

/** Every future week is the last week seen: the plain benchmark a model must beat to be worth it. */
export const naive: Forecaster = {
  method: 'naive',
  minimumHistory: 1,
  forecast: (history, horizon) => Array<number>(horizon).fill(history[history.length - 1]),
};

/**
 * How many weeks `recentMean` averages: two months evens out week-to-week noise and still
 * follows a level that moves.
 */
export const RECENT_WEEKS = 8;

/**
 * Every future week is the mean of the last RECENT_WEEKS weeks (or of all, when fewer): the
 * forecast for a series shorter than one season, which has no season to repeat.
 */
export const recentMean: Forecaster = {
  method: 'recent-mean',
  minimumHistory: 1,
  forecast(history, horizon) {
    const recent = history.slice(-RECENT_WEEKS);
    const mean = recent.reduce((sum, count) => sum + count, 0) / recent.length;
    return Array<number>(horizon).fill(mean);
  },
};
