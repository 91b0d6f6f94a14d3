import { EntityManager } from 'typeorm';
import { concordCatalogue, FundingEvents, ReferralEvents, Topics } from '@concord/contracts';
import { eventManifest } from './event-manifest';
import { MessagingOptions } from './messaging.options';
import { Outbox } from './outbox.service';

const outboxOf = (manifest: MessagingOptions['manifest']) =>
  new Outbox({ service: manifest.service, brokers: [], catalogue: concordCatalogue(), manifest });

/** No transaction: an event that passes the manifest's rules fails at the next check instead. */
const noTransaction = {} as EntityManager;

const referralId = '7d4f3c1e-0c5a-4c36-9b59-1f5f2f9b8a11';
const released = {
  budgetId: 'c1a0d7a2-52d4-4f43-8a43-0d2f1c6e5b10',
  referralId,
  partnerId: '0b6f8f2e-3c1d-4a8e-9d3f-5e2a1b7c9d40',
  amountCents: 25_000,
  reason: 'declined' as const,
};

describe('Outbox.publish and the service manifest', () => {
  it('refuses an event type that is not in the manifest of what the service publishes', async () => {
    const outbox = outboxOf(
      eventManifest({ service: 'funding', publishes: [FundingEvents.reserved] }),
    );
    await expect(outbox.publish(noTransaction, FundingEvents.released, released)).rejects.toThrow(
      "concord.funding.released.v1 is not in the funding service's manifest of what it publishes",
    );
  });

  it('refuses an event on a topic the service does not own, even when its manifest lists it', async () => {
    const outbox = outboxOf(
      eventManifest({ service: 'funding', publishes: [ReferralEvents.cancelled] }),
    );
    await expect(
      outbox.publish(noTransaction, ReferralEvents.cancelled, { referralId }),
    ).rejects.toThrow(
      `concord.referral.cancelled.v1 goes to ${Topics.referrals}, a topic the funding service does not own`,
    );
  });

  it('lets through an event of the manifest on the service’s own topic', async () => {
    const outbox = outboxOf(
      eventManifest({ service: 'funding', publishes: [FundingEvents.released] }),
    );
    await expect(outbox.publish(noTransaction, FundingEvents.released, released)).rejects.toThrow(
      'needs a transaction',
    );
  });
});
