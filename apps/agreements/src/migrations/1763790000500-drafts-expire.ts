import { MigrationInterface, QueryRunner } from 'typeorm';

/** Drafts expire too, so the scheduler's index of agreements by end covers them. */
export class DraftsExpire1763790000500 implements MigrationInterface {
  name = 'DraftsExpire1763790000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX agreements_in_force_by_end`);
    await queryRunner.query(
      `CREATE INDEX agreements_not_ended_by_end ON agreements (effective_to)
         WHERE status IN ('draft', 'active', 'suspended') AND effective_to IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX agreements_not_ended_by_end`);
    await queryRunner.query(
      `CREATE INDEX agreements_in_force_by_end ON agreements (effective_to)
         WHERE status IN ('active', 'suspended') AND effective_to IS NOT NULL`,
    );
  }
}
