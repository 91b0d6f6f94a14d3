import { MigrationInterface, QueryRunner } from 'typeorm';

const DIRECTORY_TABLES = ['directory_organizations', 'directory_agreements', 'directory_budgets'];

/**
 * A version number of the routing directory, raised by a trigger in the same transaction as any
 * change to partners, agreements or budgets, whichever code path makes it. The assignment engine
 * keeps the directory in memory and reads only this number on each assignment (it read all three
 * tables, and parsed every partner's service areas, every time). Directory changes are rare
 * (organisation, agreement and budget-threshold events); they queue on the one row.
 */
export class DirectoryVersion1763790000300 implements MigrationInterface {
  name = 'DirectoryVersion1763790000300';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE directory_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO directory_version (version) VALUES (1)`);
    await queryRunner.query(`
      CREATE FUNCTION raise_directory_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE directory_version SET version = version + 1;
        RETURN NULL;
      END $$`);
    for (const table of DIRECTORY_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_raise_version
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
        FOR EACH STATEMENT EXECUTE FUNCTION raise_directory_version()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of DIRECTORY_TABLES) {
      await queryRunner.query(`DROP TRIGGER ${table}_raise_version ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION raise_directory_version()`);
    await queryRunner.query(`DROP TABLE directory_version`);
  }
}
