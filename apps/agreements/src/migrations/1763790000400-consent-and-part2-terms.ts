import { MigrationInterface, QueryRunner } from 'typeorm';

/** Data-sharing terms without consent and 42 CFR Part 2 terms, on agreements and their versions. */
export class ConsentAndPart2Terms1763790000400 implements MigrationInterface {
  name = 'ConsentAndPart2Terms1763790000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['agreements', 'agreement_versions']) {
      await queryRunner.query(
        `ALTER TABLE ${table}
           ADD COLUMN shared_fields_without_consent text[] NOT NULL DEFAULT '{}',
           ADD COLUMN part2 jsonb`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['agreements', 'agreement_versions']) {
      await queryRunner.query(
        `ALTER TABLE ${table} DROP COLUMN shared_fields_without_consent, DROP COLUMN part2`,
      );
    }
  }
}
