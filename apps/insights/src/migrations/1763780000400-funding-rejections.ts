import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * funding_rejections: which offers funding could not reserve money for (FundingRejection), so
 * that an offer accepted before its rejection arrived shows as an unfunded case. Filled from the
 * event log already recorded.
 */
export class FundingRejections1763780000400 implements MigrationInterface {
  name = 'FundingRejections1763780000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE funding_rejections (
        rejection_id text PRIMARY KEY,
        offer_id text,
        referral_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        reason text NOT NULL,
        rejected_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX funding_rejections_by_offer ON funding_rejections (offer_id)`,
    );
    await queryRunner.query(
      `INSERT INTO funding_rejections (rejection_id, offer_id, referral_id, partner_id, reason,
                                       rejected_at)
       SELECT event_id, causation_id, (data ->> 'referralId')::uuid, (data ->> 'partnerId')::uuid,
              data ->> 'reason', occurred_at
         FROM recorded_events WHERE type = 'concord.funding.reservation-rejected.v1'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE funding_rejections`);
  }
}
