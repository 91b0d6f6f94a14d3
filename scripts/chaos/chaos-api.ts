import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, mintToken } from '../../libs/auth/src/dev-keys';
import { Role } from '../../libs/auth/src/role';
import { ChaosSystem } from './chaos-system';
import { Service } from './service-process';

export interface Actor {
  role: Role;
  org?: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** Tokens are minted once per actor and reused for this long. */
const TOKEN_REUSE_MS = 10 * 60 * 1000;

/**
 * Calls the chaos system's HTTP APIs as an actor, always at an instance that is running now. A
 * refused connection rejects: the caller decides whether to retry.
 */
export class ChaosApi {
  private readonly privateKeyPem: string;
  private readonly tokens = new Map<string, { token: string; until: number }>();

  constructor(private readonly system: ChaosSystem) {
    this.privateKeyPem = readFileSync(join(system.root, '.cache/dev-keys/dev-private.pem'), 'utf8');
  }

  private async token(as: Actor): Promise<string> {
    const key = `${as.role}/${as.org ?? ''}`;
    const cached = this.tokens.get(key);
    if (cached && cached.until > Date.now()) return cached.token;
    const token = await mintToken(
      this.privateKeyPem,
      { subject: `chaos-${as.role}`, role: as.role, organizationId: as.org },
      { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
    );
    this.tokens.set(key, { token, until: Date.now() + TOKEN_REUSE_MS });
    return token;
  }

  async call(
    as: Actor,
    service: Service,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const response = await fetch(`${this.system.url(service)}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await this.token(as)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { status: response.status, body: parseBody(text) };
  }

  /** Calls and fails unless the answer is 2xx; returns the body. */
  async expectOk(
    as: Actor,
    service: Service,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Record<string, unknown>> {
    const answer = await this.call(as, service, method, path, body);
    if (answer.status >= 300)
      throw new Error(
        `${method} ${service}${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    return answer.body;
  }
}

/** The JSON body, or `{ text }` when an answer (e.g. a proxy's error page) is not JSON. */
function parseBody(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { text };
  }
}
