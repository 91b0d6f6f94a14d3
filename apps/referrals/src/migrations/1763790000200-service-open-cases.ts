import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `('offered', 'accepted', 'in-progress')`;

/**
 * Open cases per service, kept by a trigger on `referrals`. The assignment engine checks
 * capacity on every assignment, under a lock that serialises assignments of a category; counting
 * the open referrals there made each assignment cost O(open cases) and the hand-off slow down as
 * the system filled up. The trigger keeps the count in the same transaction as every status
 * change, whichever code path makes it.
 */
export class ServiceOpenCases1763790000200 implements MigrationInterface {
  name = 'ServiceOpenCases1763790000200';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE service_open_cases (
        service_id uuid PRIMARY KEY,
        open_cases int NOT NULL CHECK (open_cases >= 0)
      )`);
    await queryRunner.query(`
      INSERT INTO service_open_cases (service_id, open_cases)
      SELECT service_id, count(*) FROM referrals
       WHERE service_id IS NOT NULL AND status IN ${OPEN}
       GROUP BY service_id`);
    await queryRunner.query(`
      CREATE FUNCTION count_service_open_cases() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was_open boolean := TG_OP <> 'INSERT' AND OLD.service_id IS NOT NULL AND OLD.status IN ${OPEN};
        is_open boolean := TG_OP <> 'DELETE' AND NEW.service_id IS NOT NULL AND NEW.status IN ${OPEN};
      BEGIN
        IF was_open AND (NOT is_open OR OLD.service_id IS DISTINCT FROM NEW.service_id) THEN
          UPDATE service_open_cases SET open_cases = open_cases - 1
           WHERE service_id = OLD.service_id;
        END IF;
        IF is_open AND (NOT was_open OR OLD.service_id IS DISTINCT FROM NEW.service_id) THEN
          INSERT INTO service_open_cases (service_id, open_cases) VALUES (NEW.service_id, 1)
          ON CONFLICT (service_id)
          DO UPDATE SET open_cases = service_open_cases.open_cases + 1;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER referrals_count_open_cases
      AFTER INSERT OR DELETE OR UPDATE OF status, service_id ON referrals
      FOR EACH ROW EXECUTE FUNCTION count_service_open_cases()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER referrals_count_open_cases ON referrals`);
    await queryRunner.query(`DROP FUNCTION count_service_open_cases()`);
    await queryRunner.query(`DROP TABLE service_open_cases`);
  }
}
