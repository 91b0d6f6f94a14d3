/**
 * The CloudEvents 1.0 Kafka protocol binding, binary content mode: the event's attributes travel as
 * `ce_*` headers, the data as the JSON message value, the aggregate id as the message key.
 * https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md
 */
export interface EventEnvelope<P = unknown> {
  readonly id: string;
  readonly type: string;
  /** URI-reference of the producing service, e.g. `/concord/referrals`. */
  readonly source: string;
  /** RFC 3339 UTC time the event happened. */
  readonly time: string;
  /** The aggregate id; also the Kafka key. */
  readonly subject: string;
  /** Extension `correlationid`: the id of the request that started the whole workflow. */
  readonly correlationId: string;
  /** Extension `causationid`: the id of the request or event that directly caused this one. */
  readonly causationId?: string;
  readonly data: P;
}

export interface KafkaRecord {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Record<string, string>;
}

export const CloudEventHeaders = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  contentType: 'content-type',
} as const;

export const SPEC_VERSION = '1.0';
const JSON_CONTENT_TYPE = 'application/json';

/** The message is not a CloudEvent we can read at all (as opposed to a payload that breaks its contract). */
export class MalformedEnvelope extends Error {
  constructor(reason: string) {
    super(`not a readable CloudEvents 1.0 binary-mode message: ${reason}`);
    this.name = 'MalformedEnvelope';
  }
}

export function toKafkaRecord(envelope: EventEnvelope): KafkaRecord {
  const headers: Record<string, string> = {
    [CloudEventHeaders.specVersion]: SPEC_VERSION,
    [CloudEventHeaders.id]: envelope.id,
    [CloudEventHeaders.type]: envelope.type,
    [CloudEventHeaders.source]: envelope.source,
    [CloudEventHeaders.time]: envelope.time,
    [CloudEventHeaders.subject]: envelope.subject,
    [CloudEventHeaders.correlationId]: envelope.correlationId,
    [CloudEventHeaders.contentType]: JSON_CONTENT_TYPE,
  };
  if (envelope.causationId) {
    headers[CloudEventHeaders.causationId] = envelope.causationId;
  }
  return {
    key: envelope.subject,
    value: Buffer.from(JSON.stringify(envelope.data)),
    headers,
  };
}

export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

/** Headers as kafkajs hands them over (Buffers, possibly repeated) flattened to strings. */
export function headersToStrings(headers: RawHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) {
      result[name.toLowerCase()] = value.toString();
    }
  }
  return result;
}

export function fromKafkaRecord(record: {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: RawHeaders | undefined;
}): EventEnvelope {
  const headers = headersToStrings(record.headers);
  const required = (name: string): string => {
    const value = headers[name];
    if (!value) {
      throw new MalformedEnvelope(`header ${name} is missing`);
    }
    return value;
  };
  if (required(CloudEventHeaders.specVersion) !== SPEC_VERSION) {
    throw new MalformedEnvelope(`${CloudEventHeaders.specVersion} must be ${SPEC_VERSION}`);
  }
  const contentType = headers[CloudEventHeaders.contentType] ?? JSON_CONTENT_TYPE;
  if (!contentType.startsWith(JSON_CONTENT_TYPE)) {
    throw new MalformedEnvelope(`content-type ${contentType} is not ${JSON_CONTENT_TYPE}`);
  }
  const time = required(CloudEventHeaders.time);
  if (Number.isNaN(Date.parse(time))) {
    throw new MalformedEnvelope(`${CloudEventHeaders.time} "${time}" is not an RFC 3339 time`);
  }
  let data: unknown;
  try {
    data = JSON.parse((record.value ?? '').toString());
  } catch {
    throw new MalformedEnvelope('the message value is not JSON');
  }
  const id = required(CloudEventHeaders.id);
  return {
    id,
    type: required(CloudEventHeaders.type),
    source: required(CloudEventHeaders.source),
    time,
    subject: headers[CloudEventHeaders.subject] ?? record.key?.toString() ?? '',
    correlationId: headers[CloudEventHeaders.correlationId] ?? id,
    causationId: headers[CloudEventHeaders.causationId],
    data,
  };
}
