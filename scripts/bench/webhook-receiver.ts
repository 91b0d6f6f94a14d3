import { createServer, Server } from 'node:http';
import { HandOffTracker, now } from './hand-off-tracker';

/**
 * The partners' webhook endpoint: answers every call 204 at once and tells the tracker when the
 * notification about a referral (its `subject`) arrived. It does not verify signatures: it
 * measures delivery, and the notifications service's tests prove the signing.
 */
export class WebhookReceiver {
  private server?: Server;
  received = 0;

  constructor(
    private readonly tracker: HandOffTracker,
    private readonly port: number,
  ) {}

  urlFor(partnerId: string): string {
    return `http://127.0.0.1:${this.port}/partners/${partnerId}`;
  }

  start(): Promise<void> {
    this.server = createServer((request, response) => {
      const arrivedAt = now();
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        response.writeHead(204).end();
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString()) as { subject?: string };
          if (body.subject) this.tracker.sawWebhook(body.subject, arrivedAt);
          this.received++;
        } catch {
          // Not a Concord notification; nothing to record.
        }
      });
    });
    return new Promise((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
