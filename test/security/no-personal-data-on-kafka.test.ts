import { randomUUID } from 'node:crypto';
import { Api } from '../support/api-client';
import { ConcordSystem } from '../support/concord-system';
import { crisisCall } from '../support/hand-off-system';
import { eventually, kafka, uniqueName } from '../support/infrastructure';
import { findPersonalData } from '../support/personal-data';
import { devToken } from '../support/tokens';

interface Finding {
  readonly where: string;
  readonly what: string[];
}

/**
 * Runs last (test/support/test-sequencer.js): it reads every message that the whole test suite, and
 * anything else on this broker, left on every topic, the dead-letter topics included.
 */
describe('personal data on Kafka', () => {
  let system: ConcordSystem;

  beforeAll(async () => {
    system = await ConcordSystem.start({ services: ['referrals'] });
  });

  afterAll(() => system?.stop());

  it('no message on any topic carries a name, phone number, address or narrative', async () => {
    // This test's own referral guarantees the topics hold at least one person's details' worth of
    // events, even when it runs alone on a fresh broker.
    const call = crisisCall();
    const dispatcher = new Api(
      system.processes.referrals,
      await devToken('dispatcher', randomUUID()),
    );
    const { id: referralId } = await dispatcher.expect<{ id: string }>(
      201,
      'POST',
      '/referrals',
      call,
    );
    const person = call.person as { name: string; phone: string };
    const location = call.location as { address: string };
    const knownValues = [person.name, person.phone, location.address, call.narrative as string];

    let submittedSeen = false;
    await eventually(
      'the referral.submitted event of this test',
      async () => {
        const { findings, messages } = await scanEveryTopic(knownValues, (type, key) => {
          if (type === 'concord.referral.submitted.v1' && key === referralId) submittedSeen = true;
        });
        if (!submittedSeen) return false;
        expect(messages).toBeGreaterThan(0);
        expect(findings).toEqual([]);
        return true;
      },
      120_000,
    );
  });
});

/** Reads every partition of every topic from its start to the end it had when the scan began. */
async function scanEveryTopic(
  knownValues: readonly string[],
  onEvent: (type: string | undefined, key: string | undefined) => void,
): Promise<{ findings: Finding[]; messages: number }> {
  const admin = kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  let topics: string[];
  try {
    topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__'));
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) remaining.set(`${topic}/${partition}`, BigInt(high) - 1n);
      }
    }
  } finally {
    await admin.disconnect();
  }

  const findings: Finding[] = [];
  let messages = 0;
  const consumer = kafka.consumer({
    groupId: uniqueName('personal-data-scan'),
    maxBytes: 50 << 20,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          messages += 1;
          const headers = Object.entries(message.headers ?? {})
            .map(([name, value]) => `${name}=${String(value)}`)
            .join('\n');
          onEvent(message.headers?.ce_type?.toString(), message.key?.toString());
          for (const text of [
            message.value?.toString() ?? '',
            message.key?.toString() ?? '',
            headers,
          ]) {
            const what = findPersonalData(text, knownValues);
            if (what.length > 0) {
              findings.push({ where: `${batch.topic}/${batch.partition}@${message.offset}`, what });
            }
          }
        }
        const key = `${batch.topic}/${batch.partition}`;
        const last = remaining.get(key);
        if (last !== undefined && BigInt(batch.lastOffset()) >= last) remaining.delete(key);
      },
    });
    await eventually(
      `every partition read to its end (${remaining.size} left)`,
      async () => remaining.size === 0,
      300_000,
    );
  } finally {
    await consumer.disconnect();
  }
  return { findings, messages };
}
