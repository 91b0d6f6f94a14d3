import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { WebhookReceipt } from './reconciliation';

/** How the receiver behaves: as it should, refusing connections, too slow to answer, or failing. */
export type ReceiverMode = 'up' | 'down' | 'slow' | 'failing';

/** Longer than the notifications service's WEBHOOK_TIMEOUT_MS in chaos runs: every call times out. */
const SLOW_ANSWER_MS = 2500;

/**
 * The partners' webhook endpoint. It records every call it answers 2xx; a call it answers after
 * the sender gave up is still recorded, as a real receiver would have acted on it.
 */
export class WebhookReceiver {
  readonly receipts: WebhookReceipt[] = [];
  private server?: Server;
  private mode: ReceiverMode = 'up';
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    await this.listen();
  }

  private listen(): Promise<void> {
    const server = createServer((request, response) => void this.answer(request, response));
    this.server = server;
    return new Promise((resolve) =>
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      }),
    );
  }

  private async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  /** Down closes the port (connections refused); any other mode listens again. */
  async setMode(mode: ReceiverMode): Promise<void> {
    this.mode = mode;
    if (mode === 'down') await this.close();
    else if (!this.server) await this.listen();
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (this.mode === 'failing') {
      response.writeHead(500).end();
      return;
    }
    if (this.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_ANSWER_MS));
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        type?: string;
        subject?: string;
      };
      this.receipts.push({
        eventId: String(request.headers['concord-event-id'] ?? ''),
        type: body.type ?? '',
        referralId: body.subject ?? '',
      });
      if (!response.destroyed) response.writeHead(204).end();
    } catch {
      response.writeHead(400).end();
    }
  }

  async stop(): Promise<void> {
    await this.close();
  }
}
