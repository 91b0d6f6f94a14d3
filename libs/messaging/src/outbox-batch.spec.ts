import { EnvelopeSigner } from './envelope-signature';
import { OutboxRow, topicMessagesOf } from './outbox-batch';

const row = (position: number, topic: string, key: string): OutboxRow => ({
  position: String(position),
  topic,
  message_key: key,
  headers: { ce_id: `event-${position}`, ce_type: 'concord.referral.accepted.v1' },
  payload: { position },
});

describe('the relay batching outbox rows', () => {
  const rows = [
    row(1, 'concord.referrals.v1', 'r-1'),
    row(2, 'concord.funding.v1', 'b-1'),
    row(3, 'concord.referrals.v1', 'r-2'),
    row(4, 'concord.referrals.v1', 'r-1'),
  ];

  it('sends one list per topic, each in the order the rows were committed', () => {
    const batch = topicMessagesOf(rows);
    expect(batch.map(({ topic }) => topic)).toEqual(['concord.referrals.v1', 'concord.funding.v1']);
    expect(batch[0].messages.map(({ value }) => value)).toEqual([
      '{"position":1}',
      '{"position":3}',
      '{"position":4}',
    ]);
  });

  it('keeps the key and the CloudEvents headers of each row', () => {
    const [, funding] = topicMessagesOf(rows);
    expect(funding.messages).toEqual([
      {
        key: 'b-1',
        value: '{"position":2}',
        headers: { ce_id: 'event-2', ce_type: 'concord.referral.accepted.v1' },
      },
    ]);
  });

  it('signs the exact bytes it sends when signing keys are set', () => {
    const signer = new EnvelopeSigner([
      { id: 'k1', secret: 'a-secret-for-the-outbox-batch-spec!!' },
    ]);
    const [referrals] = topicMessagesOf(rows, signer);
    for (const message of referrals.messages) {
      const sent = {
        key: String(message.key),
        value: Buffer.from(String(message.value)),
        headers: message.headers as Record<string, string>,
      };
      expect(() => signer.verify(sent)).not.toThrow();
      expect(() => signer.verify({ ...sent, value: Buffer.from('{"position":0}') })).toThrow();
    }
  });
});
