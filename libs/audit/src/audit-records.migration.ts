import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail every service's database carries, append-only by the database's own rules: a
 * trigger refuses UPDATE and TRUNCATE always, and DELETE unless it comes from
 * `purge_audit_records`, the retention purge. That function marks its own transaction
 * (`SET LOCAL concord.audit_purge`) and deletes only records older than the retention it is given
 * (at least a day); the trigger checks both the mark and the record's age, so even a session that
 * sets the mark itself cannot delete a record younger than a day. The function is SECURITY
 * DEFINER: where the service's database role is granted only INSERT and SELECT on the table (see
 * docs/security/audit.md), it can still purge, and nothing else can delete.
 */
export class AuditRecordsTable1764600000000 implements MigrationInterface {
  name = 'AuditRecordsTable1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_records (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_subject text,
        actor_organization uuid,
        actor_role text,
        action text NOT NULL,
        object_type text,
        object_id text,
        subject_ref text,
        outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
        http_method text,
        http_route text,
        http_status int,
        correlation_id text,
        reason text
      )`);
    await queryRunner.query(`CREATE INDEX audit_records_by_time ON audit_records (occurred_at)`);
    await queryRunner.query(
      `CREATE INDEX audit_records_by_subject_ref ON audit_records (subject_ref, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX audit_records_by_actor ON audit_records (actor_subject, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX audit_records_by_organization ON audit_records (actor_organization, id)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_records_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE'
           AND current_setting('concord.audit_purge', true) = 'on'
           AND OLD.occurred_at < now() - interval '1 day' THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_records is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_records_no_update_or_delete
        BEFORE UPDATE OR DELETE ON audit_records
        FOR EACH ROW EXECUTE FUNCTION audit_records_are_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_records_no_truncate
        BEFORE TRUNCATE ON audit_records
        FOR EACH STATEMENT EXECUTE FUNCTION audit_records_are_append_only()`);
    // Two instances purging at once: the second finds the lock taken and skips this round.
    await queryRunner.query(`
      CREATE FUNCTION purge_audit_records(retention_days int) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        purged bigint;
      BEGIN
        IF retention_days IS NULL OR retention_days < 1 THEN
          RAISE EXCEPTION 'retention_days must be at least 1, got %', retention_days;
        END IF;
        IF NOT pg_try_advisory_xact_lock(hashtext('concord.audit_records.purge')) THEN
          RETURN 0;
        END IF;
        PERFORM set_config('concord.audit_purge', 'on', true);
        DELETE FROM audit_records
          WHERE occurred_at < now() - make_interval(days => retention_days);
        GET DIAGNOSTICS purged = ROW_COUNT;
        PERFORM set_config('concord.audit_purge', 'off', true);
        RETURN purged;
      END $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION purge_audit_records(int) FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION purge_audit_records(int)`);
    await queryRunner.query(`DROP TABLE audit_records`);
    await queryRunner.query(`DROP FUNCTION audit_records_are_append_only()`);
  }
}
