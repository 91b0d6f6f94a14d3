import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CloudEventHeaders } from '@concord/contracts';

/**
 * The CloudEvents extension attribute that carries the envelope's signature:
 * `<key id>:<base64url HMAC-SHA256>`.
 */
export const SIGNATURE_HEADER = 'ce_signature';

/** A shared secret that signs or verifies envelopes; its id travels with each signature. */
export interface SigningKey {
  readonly id: string;
  readonly secret: string;
}

/** The message's signature is missing, names a key this service does not hold, or does not match. */
export class ForgedEnvelope extends Error {
  constructor(reason: string) {
    super(`the envelope's signature is not valid: ${reason}`);
    this.name = 'ForgedEnvelope';
  }
}

/** What a signature covers: every CloudEvents attribute the consumer relies on, the key and the value. */
const SIGNED_HEADERS = [
  CloudEventHeaders.id,
  CloudEventHeaders.type,
  CloudEventHeaders.source,
  CloudEventHeaders.time,
  CloudEventHeaders.subject,
  CloudEventHeaders.correlationId,
  CloudEventHeaders.causationId,
  CloudEventHeaders.contentType,
] as const;

export interface SignableMessage {
  readonly key: string;
  readonly value: Buffer | string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Signs what this service publishes and refuses what it consumes unless a key it holds signed it.
 * Keys are listed newest first: the first signs, every one verifies, so a key is rotated by
 * prepending the new one everywhere, then dropping the old one once its messages are consumed.
 * Kafka's own ACLs say who may write to a topic; the signature also proves that a message was not
 * written or altered by anything without the key (a forged or replayed-and-edited event).
 */
export class EnvelopeSigner {
  private readonly keys: ReadonlyMap<string, string>;

  constructor(private readonly signingKeys: readonly SigningKey[]) {
    if (signingKeys.length === 0) throw new Error('EnvelopeSigner needs at least one key');
    this.keys = new Map(signingKeys.map(({ id, secret }) => [id, secret]));
  }

  /** The headers of `message` with its signature added. */
  sign(message: SignableMessage): Record<string, string> {
    const { id, secret } = this.signingKeys[0];
    return { ...message.headers, [SIGNATURE_HEADER]: `${id}:${digest(secret, message)}` };
  }

  /** Throws ForgedEnvelope unless the message carries a valid signature of a known key. */
  verify(message: SignableMessage): void {
    const signature = message.headers[SIGNATURE_HEADER];
    if (!signature) throw new ForgedEnvelope(`header ${SIGNATURE_HEADER} is missing`);
    const separator = signature.indexOf(':');
    const keyId = signature.slice(0, Math.max(separator, 0));
    const secret = this.keys.get(keyId);
    if (separator < 1 || secret === undefined) {
      throw new ForgedEnvelope(`key "${keyId.slice(0, 40)}" is not one this service trusts`);
    }
    const given = Buffer.from(signature.slice(separator + 1));
    const expected = Buffer.from(digest(secret, message));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ForgedEnvelope(`it does not match the message (key "${keyId}")`);
    }
  }
}

function digest(secret: string, message: SignableMessage): string {
  const value = message.value ?? '';
  const attributes = SIGNED_HEADERS.map((name) => message.headers[name] ?? null);
  // A JSON array keeps field boundaries unambiguous; the value is hashed as the exact bytes sent.
  const canonical = JSON.stringify([
    ...attributes,
    message.key,
    createHash('sha256').update(value).digest('hex'),
  ]);
  return createHmac('sha256', secret).update(canonical).digest('base64url');
}

/**
 * Parses the `EVENT_SIGNING_KEYS` setting: `id:secret[,id:secret...]`, newest first. Validation of
 * the shape happens in the service configuration; this only splits it.
 */
export function parseSigningKeys(entries: readonly string[] | undefined): SigningKey[] {
  return (entries ?? []).map((entry) => {
    const separator = entry.indexOf(':');
    return { id: entry.slice(0, separator), secret: entry.slice(separator + 1) };
  });
}
