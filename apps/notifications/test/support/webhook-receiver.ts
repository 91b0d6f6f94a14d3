import {
  headerOf,
  ReceivedCall,
  verifySignature,
  WebhookReceiver as Receiver,
  WebhookReceiverOptions,
} from '@concord/testing';

export { verifySignature };
export type { ReceivedCall };

/**
 * The shared webhook receiver (libs/testing) as a subscriber sees it: with the secret its
 * subscription signs with, which is all it needs to check the calls. It answers 200 unless
 * scripted otherwise.
 */
export class WebhookReceiver {
  private constructor(
    readonly secret: string,
    private readonly receiver: Receiver,
  ) {}

  static async start(
    secret: string,
    options: Pick<WebhookReceiverOptions, 'port' | 'script'> = {},
  ): Promise<WebhookReceiver> {
    return new WebhookReceiver(secret, await Receiver.start({ ...options, status: 200 }));
  }

  get calls(): readonly ReceivedCall[] {
    return this.receiver.calls;
  }

  get port(): number {
    return this.receiver.port;
  }

  get url(): string {
    return this.receiver.urlFor();
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
      const id = headerOf(call.headers, 'Concord-Event-Id');
      if (!seen.has(id)) seen.set(id, JSON.parse(call.rawBody));
    }
    return [...seen.values()];
  }

  stop(): Promise<void> {
    return this.receiver.stop();
  }
}
