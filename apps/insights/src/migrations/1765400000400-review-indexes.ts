import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the partnership review looks up by initiative: the agreement.* snapshots recorded (each
 * names its initiative) and the offers made under it.
 */
export class ReviewIndexes1765400000400 implements MigrationInterface {
  name = 'ReviewIndexes1765400000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX recorded_agreements_by_initiative ON recorded_events ((data ->> 'initiativeId'))
        WHERE type LIKE 'concord.agreement.%'`,
    );
    await queryRunner.query(
      `CREATE INDEX referral_offers_by_initiative ON referral_offers (initiative_id, partner_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX referral_offers_by_initiative`);
    await queryRunner.query(`DROP INDEX recorded_agreements_by_initiative`);
  }
}
