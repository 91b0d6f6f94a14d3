import { fromKafkaRecord, MalformedEnvelope, toKafkaRecord } from './cloudevents-binding';

const envelope = {
  id: '1d0c3f0e-5f0a-4c47-9d1e-2f3a4b5c6d7e',
  type: 'concord.referral.submitted.v1',
  source: '/concord/referrals',
  time: '2026-11-22T03:00:00.000Z',
  subject: 'referral-1',
  correlationId: 'request-1',
  causationId: 'request:abc',
  data: { referralId: 'referral-1' },
};

describe('the CloudEvents Kafka binding (binary mode)', () => {
  it('puts the attributes in ce_ headers, the data in the value and the subject in the key', () => {
    const record = toKafkaRecord(envelope);
    expect(record.key).toBe('referral-1');
    expect(record.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_id: envelope.id,
      ce_type: envelope.type,
      ce_source: envelope.source,
      ce_time: envelope.time,
      ce_correlationid: 'request-1',
      ce_causationid: 'request:abc',
      'content-type': 'application/json',
    });
    expect(JSON.parse(record.value.toString())).toEqual(envelope.data);
  });

  it('reads back what it writes', () => {
    const record = toKafkaRecord(envelope);
    const headers = Object.fromEntries(
      Object.entries(record.headers).map(([name, value]) => [name, Buffer.from(value)]),
    );
    expect(fromKafkaRecord({ key: record.key, value: record.value, headers })).toEqual(envelope);
  });

  it('refuses a message without the required attributes, naming the missing header', () => {
    const { ce_type: _dropped, ...headers } = toKafkaRecord(envelope).headers;
    expect(() => fromKafkaRecord({ key: null, value: Buffer.from('{}'), headers })).toThrow(
      new MalformedEnvelope('header ce_type is missing'),
    );
  });

  it('refuses a value that is not JSON', () => {
    const { headers } = toKafkaRecord(envelope);
    expect(() => fromKafkaRecord({ key: null, value: Buffer.from('{oops'), headers })).toThrow(
      /not JSON/,
    );
  });
});
