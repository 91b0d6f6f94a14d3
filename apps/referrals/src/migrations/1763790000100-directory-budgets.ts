import { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryBudgets1763790000100 implements MigrationInterface {
  name = 'DirectoryBudgets1763790000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE directory_budgets (
        id uuid PRIMARY KEY,
        initiative_id uuid NOT NULL,
        partner_id uuid NOT NULL,
        category text,
        available_cents bigint NOT NULL,
        cost_per_case_cents bigint NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX directory_budgets_by_partner ON directory_budgets (partner_id, initiative_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE directory_budgets`);
  }
}
