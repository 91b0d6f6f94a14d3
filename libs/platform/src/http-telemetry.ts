import { NextFunction, Request, Response } from 'express';
import { httpRequestDuration, httpRouteOf } from '@concord/telemetry';

/**
 * Times every request and counts it in `concord_http_request_duration_seconds` by method, route
 * template (`other` when no route answered: an unknown path, a static page, a refusal before
 * routing) and status. Installed first, so refusals of the rate limit and body checks count too.
 */
export function httpTelemetry(request: Request, response: Response, next: NextFunction): void {
  const started = process.hrtime.bigint();
  response.once('finish', () => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: httpRouteOf(request) ?? 'other',
        status: String(response.statusCode),
      },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  });
  next();
}
