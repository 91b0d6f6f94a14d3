import {
  CloudEventHeaders,
  EventCatalogue,
  EventEnvelope,
  fromKafkaRecord,
  toPayload,
} from '@concord/contracts';
import { FailedMessage } from './dead-letter';
import { EnvelopeSigner } from './envelope-signature';
import { RetryPolicy } from './messaging.options';

/** A message that can never be handled: no retry will help, it goes straight to the DLQ. */
export class PermanentFailure extends Error {
  constructor(readonly reason: Error) {
    super(reason.message);
    this.name = reason.name;
  }
}

/** A message read from its topic: either nothing handles its type, or it is ready to handle. */
export type ReadMessage<H> =
  | { readonly ignored: true }
  | {
      readonly ignored: false;
      readonly envelope: EventEnvelope;
      readonly payload: object;
      readonly handler: H;
    };

/**
 * The consumer's rules before a handler runs, in order: a type of the catalogue that the service
 * has no handler for is ignored on its `ce_type` header alone, unparsed and unverified (the
 * services that handle it check it); a forged or unsigned envelope (when signing keys are set), a
 * malformed envelope and an unknown event type are permanent failures; so is a payload that
 * breaks its contract. Anything else is handed to its handler.
 */
export function readMessage<H>(
  message: FailedMessage,
  rules: {
    readonly catalogue: EventCatalogue;
    readonly handlers: ReadonlyMap<string, H>;
    readonly signer?: EnvelopeSigner;
  },
): ReadMessage<H> {
  // A type the service does not handle is skipped on its header alone: nothing is parsed.
  const type = message.headers[CloudEventHeaders.type];
  if (type !== undefined && !rules.handlers.has(type) && rules.catalogue.find(type)) {
    return { ignored: true };
  }
  let envelope: EventEnvelope;
  try {
    rules.signer?.verify(message);
    envelope = fromKafkaRecord(message);
  } catch (error) {
    throw new PermanentFailure(error as Error);
  }
  const definition = rules.catalogue.find(envelope.type);
  if (!definition) throw new PermanentFailure(new Error(`unknown event type ${envelope.type}`));
  const handler = rules.handlers.get(envelope.type);
  if (handler === undefined) return { ignored: true };
  try {
    return { ignored: false, envelope, payload: toPayload(definition, envelope.data), handler };
  } catch (error) {
    throw new PermanentFailure(error as Error);
  }
}

/** What follows a failed try. */
export type AfterFailure =
  { readonly deadLetter: true } | { readonly deadLetter: false; readonly delayMs: number };

/**
 * After try number `attempts` failed with `error`: a permanent failure, or the last try the
 * policy allows, sends the message to the dead-letter topic; anything else is tried again after
 * the policy's back-off.
 */
export function afterFailure(error: unknown, attempts: number, policy: RetryPolicy): AfterFailure {
  if (error instanceof PermanentFailure || attempts >= policy.maxAttempts) {
    return { deadLetter: true };
  }
  return { deadLetter: false, delayMs: backoffMs(policy, attempts) };
}

/** Exponential back-off with full jitter on the upper half, so that retries of many messages spread out. */
export function backoffMs(policy: RetryPolicy, attemptsMade: number): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attemptsMade - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}
