import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  IncomingHttpHeaders,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A webhook call as the receiver got it, and the status it answered. */
export interface ReceivedCall {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly answered: number;
}

/** What the receiver answers one call: a status, possibly after a delay. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly delayMs?: number;
}

/** As it should; refusing connections; too slow to answer; failing every call. */
export type ReceiverMode = 'up' | 'down' | 'slow' | 'failing';

export interface WebhookReceiverOptions {
  /** A port of its own; any free one unless given. */
  readonly port?: number;
  /** The answers to the first calls, in order; after them, `status`. */
  readonly script?: readonly ScriptedAnswer[];
  /** What it answers when neither the script nor the mode says otherwise: 204 unless given. */
  readonly status?: number;
  /** How long a call waits for its answer in `slow` mode. */
  readonly slowAnswerMs?: number;
  /** Told of each call when its body has arrived, before it is answered. */
  readonly onCall?: (call: Omit<ReceivedCall, 'answered'>) => void;
  /** Keep every call in `calls` (the default); a load test that only counts turns it off. */
  readonly keepCalls?: boolean;
}

export const headerOf = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : (value ?? '');
};

/**
 * The receiving side's check, knowing only the shared secret: the signature must be
 * `v1=<hex HMAC-SHA256 of "<Concord-Timestamp>.<raw body>">` and the timestamp recent.
 */
export function verifySignature(
  secret: string,
  call: Pick<ReceivedCall, 'headers' | 'rawBody'>,
  toleranceSeconds = 300,
): boolean {
  const timestamp = headerOf(call.headers, 'Concord-Timestamp');
  const given = Buffer.from(headerOf(call.headers, 'Concord-Signature'));
  const expected = Buffer.from(
    `v1=${createHmac('sha256', secret).update(`${timestamp}.${call.rawBody}`).digest('hex')}`,
  );
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= toleranceSeconds;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A partner's webhook endpoint on loopback, for the tests, the benchmark and the chaos run: it
 * answers as scripted (then 204, or its `status`), or as its mode says, and keeps every call.
 */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;
  private mode: ReceiverMode = 'up';
  private readonly script: ScriptedAnswer[];

  private constructor(
    private boundPort: number,
    private readonly options: WebhookReceiverOptions,
  ) {
    this.script = [...(options.script ?? [])];
  }

  static async start(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(options.port ?? 0, options);
    await receiver.listen();
    return receiver;
  }

  get port(): number {
    return this.boundPort;
  }

  /** The address partners' subscriptions point at; `path` tells calls apart. */
  urlFor(path = '/concord/webhook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The calls it accepted (2xx): what a real receiver would have acted on. */
  accepted(): ReceivedCall[] {
    return this.calls.filter(({ answered }) => answered >= 200 && answered < 300);
  }

  /** Down closes the port (connections refused); any other mode listens again. */
  async setMode(mode: ReceiverMode): Promise<void> {
    this.mode = mode;
    if (mode === 'down') await this.close();
    else if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    await this.close();
  }

  private listen(): Promise<void> {
    const server = createServer((request, response) => void this.answer(request, response));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, '127.0.0.1', () => {
        this.boundPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const call = {
      path: request.url ?? '/',
      headers: request.headers,
      rawBody: Buffer.concat(chunks).toString(),
    };
    this.options.onCall?.(call);
    const { status, delayMs = 0 } =
      this.mode === 'failing'
        ? { status: 500 }
        : this.mode === 'slow'
          ? { status: this.options.status ?? 204, delayMs: this.options.slowAnswerMs ?? 2_500 }
          : (this.script.shift() ?? { status: this.options.status ?? 204 });
    // Kept as answered even when the sender gave up waiting: a real receiver would have acted.
    if (this.options.keepCalls !== false) this.calls.push({ ...call, answered: status });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!response.destroyed) response.writeHead(status).end();
  }
}
