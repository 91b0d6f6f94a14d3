import { AsyncLocalStorage } from 'node:async_hooks';
import { isIP } from 'node:net';
import { NextFunction, Request, Response } from 'express';

const storage = new AsyncLocalStorage<string>();
const ANONYMOUS = Symbol('concord.anonymous-caller');

/**
 * The caller of this request stays anonymous (the public community survey): no audit record
 * written while it is handled carries its address. Set before rememberClientAddress runs.
 */
export function keepCallerAnonymous(request: Request): void {
  (request as Request & { [ANONYMOUS]?: true })[ANONYMOUS] = true;
}

/** `::ffff:10.1.2.3` (an IPv4 peer of a dual-stack socket) as `10.1.2.3`; others as they are. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ?? address;
}

/**
 * Express middleware: every audit record written while the request is handled carries its
 * client's address — Express's `request.ip`, which believes X-Forwarded-For only from the peers
 * TRUSTED_PROXIES lists, and is the connection's peer otherwise.
 */
export function rememberClientAddress(
  request: Request,
  _response: Response,
  next: NextFunction,
): void {
  if ((request as Request & { [ANONYMOUS]?: true })[ANONYMOUS]) return next();
  const address = request.ip;
  if (address === undefined || isIP(address) === 0) return next();
  storage.run(plainAddress(address), next);
}

/** The client address of the HTTP request being handled; undefined outside one. */
export function currentClientAddress(): string | undefined {
  return storage.getStore();
}
