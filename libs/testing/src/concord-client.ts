import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, mintToken, Role } from '@concord/auth';
import { ServiceName } from './services';

/** Where each service's API answers. */
export type ServiceUrls = Record<ServiceName, string>;

/** The services as `npm start` runs them, unless CONCORD_<SERVICE>_URL says otherwise. */
export function localUrls(env: NodeJS.ProcessEnv = process.env): ServiceUrls {
  const url = (service: ServiceName, port: number) =>
    env[`CONCORD_${service.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}`;
  return {
    referrals: url('referrals', 3001),
    agreements: url('agreements', 3002),
    funding: url('funding', 3003),
    notifications: url('notifications', 3004),
    insights: url('insights', 3005),
  };
}

export interface Actor {
  readonly role: Role;
  readonly org?: string;
}

export type Json = Record<string, unknown>;

/** Calls Concord's HTTP APIs as a given actor, with development tokens; fails on any non-2xx. */
export class ConcordClient {
  private readonly privateKeyPem: string;

  constructor(
    readonly urls: ServiceUrls,
    repositoryRoot: string,
  ) {
    this.privateKeyPem = readFileSync(
      join(repositoryRoot, '.cache/dev-keys/dev-private.pem'),
      'utf8',
    );
  }

  async call<T = Json>(
    as: Actor,
    service: ServiceName,
    method: string,
    path: string,
    body?: unknown,
    /** Further request headers, e.g. a caller's `traceparent`. */
    headers: Record<string, string> = {},
  ): Promise<T> {
    const token = await this.token(as);
    const response = await fetch(`${this.urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`${method} ${service}${path} answered ${response.status}: ${text}`);
    }
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A development token for `as`, for a request the caller makes itself (a CSV, a page). */
  token(as: Actor): Promise<string> {
    return mintToken(
      this.privateKeyPem,
      { subject: `demo-${as.role}`, role: as.role, organizationId: as.org },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
    );
  }

  /**
   * Polls `probe` every 250 ms until it returns a value, or fails after `timeoutMs`. Generous: a
   * service that has just started may first catch up with the topics it consumes.
   */
  async until<T>(
    what: string,
    probe: () => Promise<T | undefined>,
    timeoutMs = 120_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
