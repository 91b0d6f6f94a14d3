import { Type } from '@nestjs/common';
import { EventDefinition, TOPIC_OWNERS } from '@concord/contracts';
import { EventContext } from './event-context';

/** The providers a service's handlers call, by the name the handlers use for each. */
export type HandlerDependencies = Record<string, Type<object>>;

/** Those providers, resolved from the service's Nest container. */
export type Resolved<D extends HandlerDependencies> = { [K in keyof D]: InstanceType<D[K]> };

/**
 * One line of a manifest: the event types one handler handles. The handler runs in the
 * transaction that records the message as processed (`context.manager`).
 */
export interface EventHandling<D extends HandlerDependencies = HandlerDependencies> {
  readonly events: readonly EventDefinition[];
  // Method syntax on purpose: any manifest is then usable where an EventManifest is.
  handle(uses: Resolved<D>, payload: object, context: EventContext): unknown;
}

/** The payload type of a definition, or the union of several definitions' payload types. */
export type PayloadOf<E> = E extends EventDefinition<infer P> ? P : never;

/**
 * `on(event or events, handler)`: the payload type comes from the definitions, so a handler of
 * several types gets the union of theirs.
 */
export type On<D extends HandlerDependencies> = <E extends EventDefinition>(
  events: E | readonly E[],
  handle: (uses: Resolved<D>, event: PayloadOf<E>, context: EventContext) => unknown,
) => EventHandling<D>;

/**
 * What one service publishes and which handler handles which event type: the one place that says
 * so. The consumer registers its handlers from it and subscribes to exactly the topics of the
 * handled types; the outbox refuses to publish what is not in it; the AsyncAPI document and
 * docs/events.md are generated from every service's manifest.
 */
export interface EventManifest<D extends HandlerDependencies = HandlerDependencies> {
  readonly service: string;
  /** The topics this service is the one producer of: `TOPIC_OWNERS` unless given. */
  readonly topics: readonly string[];
  readonly publishes: readonly EventDefinition[];
  readonly uses: D;
  readonly handles: readonly EventHandling<D>[];
}

export interface EventManifestSpec<D extends HandlerDependencies> {
  readonly service: string;
  readonly topics?: readonly string[];
  readonly publishes?: readonly EventDefinition[];
  readonly uses?: D;
  readonly handles?: (on: On<D>) => EventHandling<D>[];
}

export function eventManifest<D extends HandlerDependencies = Record<never, never>>(
  spec: EventManifestSpec<D>,
): EventManifest<D> {
  const on: On<D> = (events, handle) => ({
    events: Array.isArray(events) ? events : [events as EventDefinition],
    handle: handle as EventHandling<D>['handle'],
  });
  const handles = spec.handles?.(on) ?? [];
  const seen = new Set<string>();
  for (const { type } of handles.flatMap((handling) => handling.events)) {
    if (seen.has(type)) throw new Error(`${spec.service} handles ${type} twice in its manifest`);
    seen.add(type);
  }
  return {
    service: spec.service,
    topics: spec.topics ?? topicsOwnedBy(spec.service),
    publishes: spec.publishes ?? [],
    uses: spec.uses ?? ({} as D),
    handles,
  };
}

export function topicsOwnedBy(service: string): string[] {
  return Object.entries(TOPIC_OWNERS)
    .filter(([, owner]) => owner === service)
    .map(([topic]) => topic);
}

/** Every event type the manifest has a handler for. */
export function handledEvents(manifest: EventManifest): EventDefinition[] {
  return manifest.handles.flatMap((handling) => handling.events);
}

/** Why `definition` may not be published by the manifest's service, or undefined when it may. */
export function refusalToPublish(
  manifest: Pick<EventManifest, 'service' | 'topics' | 'publishes'>,
  definition: EventDefinition,
): string | undefined {
  if (!manifest.publishes.some((published) => published.type === definition.type)) {
    return `${definition.type} is not in the ${manifest.service} service's manifest of what it publishes`;
  }
  if (!manifest.topics.includes(definition.topic)) {
    return `${definition.type} goes to ${definition.topic}, a topic the ${manifest.service} service does not own`;
  }
  return undefined;
}
