import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { concordCatalogue, ReferralEvents } from '@concord/contracts';
import {
  eventManifest,
  MESSAGING_ENTITIES,
  MessagingTables1763780000000,
  Outbox,
  OUTBOX_CHANNEL,
} from '@concord/messaging';
import { createTestDatabase, dropTestDatabase, eventually } from '../support/infrastructure';

/** A change and its event in one statement (Outbox.stageAfter), as intake and the engine use it. */
describe('an event staged by the statement that makes its change', () => {
  let url: string;
  let dataSource: DataSource;
  let listener: Client;
  const notifications: string[] = [];
  const outbox = new Outbox({
    service: 'referrals',
    brokers: [],
    catalogue: concordCatalogue(),
    manifest: eventManifest({ service: 'referrals', publishes: [ReferralEvents.cancelled] }),
  });

  beforeAll(async () => {
    url = await createTestDatabase('outbox_stage_after');
    dataSource = await new DataSource({
      type: 'postgres',
      url,
      entities: MESSAGING_ENTITIES,
      migrations: [MessagingTables1763780000000],
      migrationsRun: true,
    }).initialize();
    await dataSource.query(`CREATE TABLE cancellations (referral_id uuid PRIMARY KEY)`);
    listener = new Client({ connectionString: url });
    await listener.connect();
    listener.on('notification', (message) => notifications.push(message.channel));
    await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
  });

  afterAll(async () => {
    await listener?.end();
    await dataSource?.destroy();
    await dropTestDatabase(url);
  });

  /** Cancels `referralId` once (a second time changes nothing) with its event in the statement. */
  async function cancel(referralId: string) {
    const event = outbox.stageAfter(ReferralEvents.cancelled, { referralId }, 'changed', 2);
    const [row] = (await dataSource.query(
      `WITH changed AS (
         INSERT INTO cancellations (referral_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING 1
       ), ${event.ctes}
       SELECT ${event.selected}`,
      [referralId, ...event.values],
    )) as { events: number }[];
    return { events: row.events, envelope: event.envelope };
  }

  const outboxRows = (referralId: string) =>
    dataSource.query(
      `SELECT event_id::text, topic, message_key FROM outbox_messages WHERE message_key = $1`,
      [referralId],
    ) as Promise<{ event_id: string; topic: string; message_key: string }[]>;

  it('stages the event with the change, and the relay is notified when it commits', async () => {
    const referralId = randomUUID();
    const before = notifications.length;
    const { events, envelope } = await cancel(referralId);
    expect(events).toBe(1);
    expect(await outboxRows(referralId)).toEqual([
      { event_id: envelope.id, topic: ReferralEvents.cancelled.topic, message_key: referralId },
    ]);
    await eventually('the relay channel to be notified', async () => notifications.length > before);
  });

  it('stages nothing when the change wrote nothing', async () => {
    const referralId = randomUUID();
    await cancel(referralId);
    const again = await cancel(referralId);
    expect(again.events).toBe(0);
    expect(await outboxRows(referralId)).toHaveLength(1);
  });

  it('refuses an event the service does not publish, as Outbox.publish does', () => {
    const publishesNothing = new Outbox({
      service: 'referrals',
      brokers: [],
      catalogue: concordCatalogue(),
      manifest: eventManifest({ service: 'referrals', publishes: [] }),
    });
    expect(() =>
      publishesNothing.stageAfter(ReferralEvents.cancelled, { referralId: randomUUID() }, 'x', 2),
    ).toThrow(/not in the referrals service's manifest/);
  });
});
