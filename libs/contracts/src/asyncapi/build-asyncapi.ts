import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { CONCORD_EVENTS } from '../catalogue';
import { CloudEventHeaders } from '../cloudevents-binding';
import { EventDefinition } from '../event-definition';
import { deadLetterTopicOf } from '../topics';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const pascal = (text: string): string =>
  text
    .split(/[.-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

const messageId = (definition: EventDefinition): string =>
  `${pascal(definition.name)}V${definition.version}`;

const channelId = (topic: string): string => pascal(topic.replace(/^concord\./, ''));

const CLOUD_EVENT_HEADERS: JsonObject = {
  type: 'object',
  required: [
    CloudEventHeaders.specVersion,
    CloudEventHeaders.id,
    CloudEventHeaders.type,
    CloudEventHeaders.source,
    CloudEventHeaders.time,
    CloudEventHeaders.subject,
    CloudEventHeaders.correlationId,
  ],
  properties: {
    [CloudEventHeaders.specVersion]: { type: 'string', const: '1.0' },
    [CloudEventHeaders.id]: {
      type: 'string',
      description: 'Unique event id; consumers drop duplicates by it.',
    },
    [CloudEventHeaders.type]: { type: 'string', description: 'Versioned event type.' },
    [CloudEventHeaders.source]: { type: 'string', description: 'The producing service.' },
    [CloudEventHeaders.time]: { type: 'string', format: 'date-time' },
    [CloudEventHeaders.subject]: { type: 'string', description: 'The aggregate id, also the key.' },
    [CloudEventHeaders.correlationId]: { type: 'string', description: 'The originating request.' },
    [CloudEventHeaders.causationId]: { type: 'string', description: 'The direct cause.' },
    [CloudEventHeaders.contentType]: { type: 'string', const: 'application/json' },
    ce_signature: {
      type: 'string',
      description:
        'Extension `signature`: `<key id>:<HMAC-SHA256>` of the attributes, key and value, when EVENT_SIGNING_KEYS are set.',
    },
    traceparent: {
      type: 'string',
      pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description:
        "W3C Trace Context of the span that produced the message (the relay's send span), when the producer traces.",
    },
    tracestate: {
      type: 'string',
      description: 'W3C Trace Context vendor state, with traceparent.',
    },
    ce_traceparent: {
      type: 'string',
      pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      description:
        'The CloudEvents distributed-tracing extension `traceparent`: the same value as traceparent.',
    },
    ce_tracestate: {
      type: 'string',
      description: 'The CloudEvents distributed-tracing extension `tracestate`.',
    },
  },
};

const SCHEMA_PREFIX = '#/components/schemas/';

const referencedNames = (schema: Json): string[] => {
  if (Array.isArray(schema)) return schema.flatMap(referencedNames);
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' && value.startsWith(SCHEMA_PREFIX)
      ? [value.slice(SCHEMA_PREFIX.length)]
      : referencedNames(value),
  );
};

/** The JSON Schemas of the payload classes and of every nested class they refer to, by name. */
function payloadSchemas(payloadNames: string[]): JsonObject {
  const allSchemas = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage,
  }) as unknown as Record<string, JsonObject>;
  const schemas: JsonObject = {};
  const pending = [...payloadNames];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas) continue;
    schemas[name] = allSchemas[name] ?? { type: 'object' };
    pending.push(...referencedNames(schemas[name]));
  }
  return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * What one service sends and receives: its event manifest (apps/<service>/src/events) without the
 * handlers.
 */
export interface ServiceEventMap {
  readonly service: string;
  readonly publishes: readonly EventDefinition[];
  readonly handles: readonly EventDefinition[];
}

const byTopic = (definitions: readonly EventDefinition[]): Map<string, EventDefinition[]> => {
  const topics = new Map<string, EventDefinition[]>();
  for (const definition of definitions) {
    topics.set(definition.topic, [...(topics.get(definition.topic) ?? []), definition]);
  }
  return topics;
};

/**
 * The AsyncAPI 3.0 document of every Concord topic and event type, generated from the contracts
 * and the services' manifests (never kept by hand): channels are topics, messages are event types
 * with their CloudEvents headers and the JSON Schema of their payload class, and each service has
 * a `send` operation per topic it publishes on and a `receive` operation per topic it handles
 * events of, naming exactly those event types: who produces X, and who consumes it.
 */
export function buildAsyncApi(
  version: string,
  services: readonly ServiceEventMap[],
  definitions = CONCORD_EVENTS,
): JsonObject {
  const schemas = payloadSchemas(definitions.map((definition) => definition.payload.name));

  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const messages: JsonObject = {};
  for (const [topic, onTopic] of [...byTopic(definitions)].sort(([a], [b]) => a.localeCompare(b))) {
    channels[channelId(topic)] = {
      address: topic,
      description: `Events keyed by aggregate id; dead letters go to ${deadLetterTopicOf(topic)}.`,
      messages: Object.fromEntries(
        onTopic.map((definition) => [
          messageId(definition),
          { $ref: `#/components/messages/${messageId(definition)}` },
        ]),
      ),
    };
  }
  for (const { service, publishes, handles } of services) {
    const sides = [
      ['send', 'Sends', publishes, `Published by ${service} through its outbox.`],
      ['receive', 'Receives', handles, `Handled by ${service} (consumer group ${service}).`],
    ] as const;
    for (const [action, verb, events, summary] of sides) {
      for (const [topic, onTopic] of byTopic(events)) {
        const channel = channelId(topic);
        operations[`${service}${verb}${channel}`] = {
          action,
          summary,
          tags: [{ name: service }],
          channel: { $ref: `#/channels/${channel}` },
          messages: onTopic.map((definition) => ({
            $ref: `#/channels/${channel}/messages/${messageId(definition)}`,
          })),
        };
      }
    }
  }
  for (const definition of definitions) {
    messages[messageId(definition)] = {
      name: definition.type,
      title: definition.name,
      summary: definition.summary,
      contentType: 'application/json',
      headers: CLOUD_EVENT_HEADERS,
      payload: { $ref: `#/components/schemas/${definition.payload.name}` },
      bindings: { kafka: { key: { type: 'string', description: 'The aggregate id.' } } },
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Concord events',
      version,
      description:
        'Every event Concord services exchange over Kafka. CloudEvents 1.0, Kafka binding, binary mode. ' +
        'Events carry ids, categories, times and coarse area codes, never personal data.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'npm start' },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}
