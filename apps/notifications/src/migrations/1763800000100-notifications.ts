import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1763800000100 implements MigrationInterface {
  name = 'Notifications1763800000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE referral_agencies (
        referral_id uuid PRIMARY KEY,
        agency_id uuid NOT NULL,
        submitted_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE subscriptions (
        id uuid PRIMARY KEY,
        audience text NOT NULL CHECK (audience IN ('organization', 'administrators')),
        owner_id uuid NOT NULL,
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        channel text NOT NULL CHECK (channel IN ('webhook', 'email', 'inbox')),
        webhook_url text,
        webhook_secret text,
        email_address text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        deleted_at timestamptz,
        CHECK ((channel = 'webhook') = (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL)),
        CHECK ((channel = 'email') = (email_address IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX subscriptions_by_owner ON subscriptions (owner_id, created_at) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        recipient_audience text NOT NULL,
        recipient_id uuid NOT NULL,
        subscription_id uuid REFERENCES subscriptions (id),
        channel text NOT NULL,
        about_event_id text NOT NULL,
        about_event_type text NOT NULL,
        about_subject text NOT NULL,
        about_correlation_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        link text,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_error text,
        delivered_at timestamptz,
        failed_at timestamptz,
        read_at timestamptz,
        created_at timestamptz NOT NULL
      )`);
    // A redelivered or republished event notifies each subscription, and each default inbox, once.
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_once_per_subscription
         ON notifications (about_event_id, subscription_id) WHERE subscription_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_once_per_default_inbox
         ON notifications (about_event_id, recipient_id) WHERE subscription_id IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_inbox ON notifications (recipient_id, created_at DESC, id DESC) WHERE channel = 'inbox'`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_by_recipient ON notifications (recipient_id, about_subject, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_by_subject ON notifications (about_subject, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX notifications_pending_by_subscription ON notifications (subscription_id) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE TABLE delivery_attempts (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notifications (id),
        number int NOT NULL CHECK (number >= 1),
        channel text NOT NULL,
        attempted_at timestamptz NOT NULL,
        duration_ms int NOT NULL CHECK (duration_ms >= 0),
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed', 'stored')),
        response_status int,
        error text
      )`);
    await queryRunner.query(
      `CREATE INDEX delivery_attempts_by_notification ON delivery_attempts (notification_id, number)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE delivery_attempts`);
    await queryRunner.query(`DROP TABLE notifications`);
    await queryRunner.query(`DROP TABLE subscriptions`);
    await queryRunner.query(`DROP TABLE referral_agencies`);
  }
}
