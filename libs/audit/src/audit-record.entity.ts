import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AUDIT_OUTCOMES = ['allowed', 'denied', 'failed'] as const;
/** allowed: done or shown; denied: refused for who the caller is (401, 403); failed: any other error. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * One audited act, as stored in the service's own `audit_records` table: ids, codes and the
 * caller's network address, never a value of the data Concord keeps about a person. The
 * database refuses every UPDATE, DELETE and TRUNCATE of it but the retention purge (see
 * AuditRecordsTable1764600000000).
 */
@Entity('audit_records')
export class AuditRecord {
  /** bigserial: also the keyset cursor of queries, newest first. */
  @PrimaryColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt: Date;
  /** The token's subject; null when no token authenticated the caller. */
  @Column({ name: 'actor_subject', type: 'text', nullable: true }) actorSubject: string | null;
  @Column({ name: 'actor_organization', type: 'uuid', nullable: true })
  actorOrganization: string | null;
  @Column({ name: 'actor_role', type: 'text', nullable: true }) actorRole: string | null;
  /** e.g. `referral.read-person`, `referral.accept`, `auth.login-failed`, `auth.permission-denied`. */
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'object_type', type: 'text', nullable: true }) objectType: string | null;
  @Column({ name: 'object_id', type: 'text', nullable: true }) objectId: string | null;
  /** The person the act concerns, by the id of their referral. */
  @Column({ name: 'subject_ref', type: 'text', nullable: true }) subjectRef: string | null;
  @Column({ type: 'text' }) outcome: AuditOutcome;
  @Column({ name: 'http_method', type: 'text', nullable: true }) httpMethod: string | null;
  @Column({ name: 'http_route', type: 'text', nullable: true }) httpRoute: string | null;
  @Column({ name: 'http_status', type: 'int', nullable: true }) httpStatus: number | null;
  @Column({ name: 'correlation_id', type: 'text', nullable: true }) correlationId: string | null;
  /** Why: a rejection message, an error code, a consent override's reason. */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /**
   * The caller's network address: the client behind TRUSTED_PROXIES, else the connection's peer;
   * null for what an event handler did.
   */
  @Column({ name: 'client_address', type: 'inet', nullable: true }) clientAddress: string | null;
}
