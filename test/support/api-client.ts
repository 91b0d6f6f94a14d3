import { ServiceProcess } from './service-process';

export interface Answer<B> {
  status: number;
  /** Parsed JSON; undefined when there is no body. */
  body: B;
}

export interface TextAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** A small HTTP client for one service process, bearing one token. */
export class Api {
  constructor(
    private readonly service: ServiceProcess,
    private readonly token: string,
  ) {}

  as(token: string): Api {
    return new Api(this.service, token);
  }

  /** The answer as received, for bodies that are not JSON (e.g. CSV). */
  async sendForText(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TextAnswer> {
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      text: await response.text(),
    };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely
  async send<B = any>(method: string, path: string, body?: unknown): Promise<Answer<B>> {
    const { status, text } = await this.sendForText(method, path, body);
    return { status, body: (text ? JSON.parse(text) : undefined) as B };
  }

  /** Sends, and fails unless the answer has `status`; returns the body. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async expect<B = any>(status: number, method: string, path: string, body?: unknown): Promise<B> {
    const answer = await this.send<B>(method, path, body);
    if (answer.status !== status) {
      throw new Error(
        `${method} ${path} answered ${answer.status}, not ${status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body;
  }
}
