// Nested payloads (@Type) read design-time types through the metadata API.
import 'reflect-metadata';
import { Topic } from './topics';

/** A payload class: its properties carry the class-validator rules of the contract. */
export type PayloadClass<P extends object = object> = new () => P;

/**
 * One versioned event type. `type` is the CloudEvents `type` attribute, e.g.
 * `concord.referral.assigned.v1`; `key` picks the aggregate id the Kafka message is keyed by.
 */
export interface EventDefinition<P extends object = object> {
  readonly type: string;
  readonly name: string;
  readonly version: number;
  readonly topic: Topic | string;
  readonly payload: PayloadClass<P>;
  readonly summary: string;
  /** Method syntax on purpose: any definition is then usable where an EventDefinition<object> is. */
  key(payload: P): string;
}

export interface EventSpec<P extends object> {
  /** Dotted name without prefix and version, e.g. `referral.assigned`. */
  readonly name: string;
  readonly version: number;
  readonly topic: Topic | string;
  readonly payload: PayloadClass<P>;
  readonly summary: string;
  readonly key: (payload: P) => string;
}

const TYPE_PREFIX = 'concord';

export function defineEvent<P extends object>(spec: EventSpec<P>): EventDefinition<P> {
  if (!/^[a-z]+(\.[a-z-]+)+$/.test(spec.name)) {
    throw new Error(
      `event name "${spec.name}" must be dotted lower-case words, e.g. referral.assigned`,
    );
  }
  return { ...spec, type: `${TYPE_PREFIX}.${spec.name}.v${spec.version}` };
}

/** Every event type a process knows, looked up by its CloudEvents type. */
export class EventCatalogue {
  private readonly byType = new Map<string, EventDefinition>();

  constructor(definitions: readonly EventDefinition[] = []) {
    definitions.forEach((definition) => this.add(definition));
  }

  add(definition: EventDefinition): this {
    const existing = this.byType.get(definition.type);
    if (existing && existing !== definition) {
      throw new Error(`event type ${definition.type} is defined twice`);
    }
    this.byType.set(definition.type, definition);
    return this;
  }

  find(type: string): EventDefinition | undefined {
    return this.byType.get(type);
  }

  all(): EventDefinition[] {
    return [...this.byType.values()];
  }

  topics(): string[] {
    return [...new Set(this.all().map((definition) => definition.topic))].sort();
  }
}
