import { concordCatalogue, ReferralEvents, toKafkaRecord } from '@concord/contracts';
import { FailedMessage } from './dead-letter';
import { afterFailure, backoffMs, PermanentFailure, readMessage } from './consumer-outcomes';
import { EnvelopeSigner } from './envelope-signature';
import { RetryPolicy } from './messaging.options';

const REFERRAL = '5b0f3c2e-8a1d-4c7e-9f60-2d4b6a8c0e13';
const KEY = { id: 'k1', secret: 'a-secret-for-the-consumer-outcome-spec!' };

/** A message as the broker hands it over, for a referral.cancelled payload of our choosing. */
function cancelled(data: object, type = ReferralEvents.cancelled.type): FailedMessage {
  const record = toKafkaRecord({
    id: '0d9c1b7a-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
    type,
    source: '/concord/referrals',
    time: '2026-12-06T10:00:00.000Z',
    subject: REFERRAL,
    correlationId: '0d9c1b7a-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
    data,
  });
  return { topic: ReferralEvents.cancelled.topic, partition: 0, offset: '7', ...record };
}

const handlers = new Map([[ReferralEvents.cancelled.type, 'release']]);
const rules = { catalogue: concordCatalogue(), handlers };

describe('the consumer reading a message', () => {
  it('hands a valid event to its handler with the payload validated', () => {
    const read = readMessage(cancelled({ referralId: REFERRAL }), rules);
    expect(read).toMatchObject({ ignored: false, handler: 'release' });
    expect(read.ignored === false && read.payload).toEqual({ referralId: REFERRAL });
  });

  it('ignores an event type of the catalogue that the service does not handle', () => {
    const accepted = cancelled({ referralId: REFERRAL }, ReferralEvents.accepted.type);
    expect(readMessage(accepted, rules)).toEqual({ ignored: true });
  });

  it('ignores a type it does not handle on the header alone, without reading the value', () => {
    const accepted = cancelled({ referralId: REFERRAL }, ReferralEvents.accepted.type);
    expect(readMessage({ ...accepted, value: Buffer.from('not json') }, rules)).toEqual({
      ignored: true,
    });
  });

  it('fails for good on an event type the catalogue does not know', () => {
    const unknown = cancelled({ referralId: REFERRAL }, 'concord.referral.teleported.v1');
    expect(() => readMessage(unknown, rules)).toThrow(PermanentFailure);
    expect(() => readMessage(unknown, rules)).toThrow('unknown event type');
  });

  it('fails for good on a payload that breaks its contract', () => {
    expect(() => readMessage(cancelled({ referralId: 'not-a-uuid' }), rules)).toThrow(
      PermanentFailure,
    );
  });

  it('fails for good on a message that is not a CloudEvent', () => {
    const headless = { ...cancelled({ referralId: REFERRAL }), headers: {} };
    expect(() => readMessage(headless, rules)).toThrow(PermanentFailure);
  });

  it('fails for good on an unsigned message when signing keys are set, and reads a signed one', () => {
    const signer = new EnvelopeSigner([KEY]);
    const message = cancelled({ referralId: REFERRAL });
    expect(() => readMessage(message, { ...rules, signer })).toThrow(PermanentFailure);
    const signed = { ...message, headers: signer.sign(message) };
    expect(readMessage(signed, { ...rules, signer }).ignored).toBe(false);
  });
});

const policy: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 200, maxBackoffMs: 1_000 };

describe('the consumer after a failed try', () => {
  it('tries a handler error again until the last try the policy allows, then dead-letters it', () => {
    const error = new Error('database unavailable');
    expect(afterFailure(error, 1, policy)).toMatchObject({ deadLetter: false });
    expect(afterFailure(error, 2, policy)).toMatchObject({ deadLetter: false });
    expect(afterFailure(error, 3, policy)).toEqual({ deadLetter: true });
  });

  it('dead-letters a permanent failure at once', () => {
    expect(afterFailure(new PermanentFailure(new Error('bad')), 1, policy)).toEqual({
      deadLetter: true,
    });
  });

  it('waits between half and all of a back-off that doubles with each try, up to the maximum', () => {
    for (const [attempts, ceiling] of [
      [1, 200],
      [2, 400],
      [3, 800],
      [4, 1_000],
      [9, 1_000],
    ]) {
      for (let sample = 0; sample < 50; sample++) {
        const delay = backoffMs(policy, attempts);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });
});
