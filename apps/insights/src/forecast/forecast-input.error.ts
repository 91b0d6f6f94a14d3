/** What was wrong with the figures a forecast was asked for; stable, for the service to map. */
export type ForecastInputErrorCode =
  | 'SERIES_START_NOT_A_MONDAY'
  | 'SERIES_COUNT_INVALID'
  | 'SERIES_TOO_SHORT'
  | 'FORECAST_OPTION_INVALID'
  | 'CAPACITY_INVALID';

/**
 * The forecast module's only error. It is framework-free, so it does not extend the platform's
 * DomainError (whose package brings NestJS along); the service that calls it maps `code` to an
 * `unprocessable` DomainError at its edge.
 */
export class ForecastInputError extends Error {
  constructor(
    readonly code: ForecastInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ForecastInputError';
  }
}
