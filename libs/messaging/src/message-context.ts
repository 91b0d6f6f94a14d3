import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What ties one piece of work to the workflow it belongs to. An HTTP request opens a context
 * (correlation id from the `X-Correlation-Id` header or a new one); handling an event opens one
 * whose correlation id is the event's and whose causation id is the event's id. Every event
 * published inside a context carries both.
 */
export interface MessageContext {
  readonly correlationId: string;
  readonly causationId?: string;
}

const storage = new AsyncLocalStorage<MessageContext>();

export function runInMessageContext<T>(context: MessageContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentMessageContext(): MessageContext | undefined {
  return storage.getStore();
}
