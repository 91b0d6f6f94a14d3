import { Injectable } from '@nestjs/common';
import { ConsoleBackend, ConsoleConfig } from '../console.config';

export interface BackendAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The raw body, byte for byte as it came (a PDF is not text). */
  readonly body: Buffer;
}

export class BackendUnavailable extends Error {
  constructor(
    readonly backend: ConsoleBackend,
    cause: unknown,
  ) {
    super(`the ${backend} service does not answer`, { cause });
  }
}

/** Request headers the console passes on to a service, besides the bearer token it adds. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'idempotency-key', 'x-correlation-id'];
const BACKEND_TIMEOUT_MS = 15_000;

/** Calls one of the five services' public HTTP APIs with a bearer token. */
@Injectable()
export class BackendClient {
  constructor(private readonly config: ConsoleConfig) {}

  async call(
    backend: ConsoleBackend,
    accessToken: string,
    method: string,
    pathAndQuery: string,
    request: { headers?: Record<string, string | string[] | undefined>; body?: unknown } = {},
  ): Promise<BackendAnswer> {
    const headers: Record<string, string> = { authorization: `Bearer ${accessToken}` };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers?.[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const hasBody = request.body !== undefined && !['GET', 'HEAD'].includes(method);
    if (hasBody) headers['content-type'] = 'application/json';
    let answer: Response;
    try {
      answer = await fetch(`${this.config.backendUrls[backend]}${pathAndQuery}`, {
        method,
        headers,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(BACKEND_TIMEOUT_MS),
        redirect: 'manual',
      });
    } catch (error) {
      throw new BackendUnavailable(backend, error);
    }
    return {
      status: answer.status,
      headers: answer.headers,
      body: Buffer.from(await answer.arrayBuffer()),
    };
  }
}
