import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A webhook call as the receiver got it, and the status it answered. */
export interface ReceivedCall {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly answered: number;
}

/** What the receiver answers one call: a status, possibly after a delay. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly delayMs?: number;
}

const header = (headers: IncomingHttpHeaders, name: string): string => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : (value ?? '');
};

/**
 * The receiving side's check, knowing only the shared secret: the signature must be
 * `v1=<hex HMAC-SHA256 of "<Concord-Timestamp>.<raw body>">` and the timestamp recent.
 */
export function verifySignature(
  secret: string,
  call: ReceivedCall,
  toleranceSeconds = 300,
): boolean {
  const timestamp = header(call.headers, 'Concord-Timestamp');
  const given = Buffer.from(header(call.headers, 'Concord-Signature'));
  const expected = Buffer.from(
    `v1=${createHmac('sha256', secret).update(`${timestamp}.${call.rawBody}`).digest('hex')}`,
  );
  const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= toleranceSeconds;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

/** A receiver's HTTP server on loopback: it answers as scripted, then 200, and keeps every call. */
export class WebhookReceiver {
  readonly calls: ReceivedCall[] = [];
  private server?: Server;

  private constructor(
    readonly secret: string,
    private boundPort: number,
    private readonly script: ScriptedAnswer[],
  ) {}

  static async start(
    secret: string,
    options: { port?: number; script?: ScriptedAnswer[] } = {},
  ): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret, options.port ?? 0, [...(options.script ?? [])]);
    await receiver.listen();
    return receiver;
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/concord/webhook`;
  }

  private listen(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const answer = this.script.shift() ?? { status: 200 };
        const rawBody = Buffer.concat(chunks).toString();
        this.calls.push({ headers: request.headers, rawBody, answered: answer.status });
        setTimeout(() => response.writeHead(answer.status).end(), answer.delayMs ?? 0);
      });
    });
    this.server = server;
    return new Promise((resolve) =>
      server.listen(this.boundPort, '127.0.0.1', () => {
        this.boundPort = (server.address() as AddressInfo).port;
        resolve();
      }),
    );
  }

  /** The calls whose signature checks out with the secret alone. */
  verified(): ReceivedCall[] {
    return this.calls.filter((call) => verifySignature(this.secret, call));
  }

  /**
   * What the receiver acted on: the bodies of the verified calls it accepted (2xx), each
   * Concord-Event-Id once. A call it accepted but answered too late comes again, and is dropped.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are read loosely
  deduplicated(): any[] {
    const seen = new Map<string, unknown>();
    for (const call of this.verified().filter(({ answered }) => answered < 300)) {
      const id = header(call.headers, 'Concord-Event-Id');
      if (!seen.has(id)) seen.set(id, JSON.parse(call.rawBody));
    }
    return [...seen.values()];
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
