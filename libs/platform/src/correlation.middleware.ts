import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { runInMessageContext } from '@concord/messaging';

export const CORRELATION_HEADER = 'x-correlation-id';
const ACCEPTABLE_ID = /^[\w.:-]{1,100}$/;

/**
 * Opens the message context of an HTTP request: the caller's `X-Correlation-Id` (or a new one)
 * becomes the correlation id of every event the request causes, and comes back in the response.
 * The request's own id is the causation id of those events.
 */
export function correlationMiddleware(
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const given = request.header(CORRELATION_HEADER);
  const correlationId = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  response.setHeader(CORRELATION_HEADER, correlationId);
  runInMessageContext({ correlationId, causationId: `request:${randomUUID()}` }, next);
}
