import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * An `Idempotency-Key` a dispatcher's organisation used, the fingerprint of the request it came
 * with and the answer it got, so that a retry gets that answer again instead of a second referral.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @PrimaryColumn({ type: 'text' }) key: string;
  @Column({ type: 'text', name: 'request_hash' }) requestHash: string;
  @Column({ type: 'uuid', name: 'referral_id' }) referralId: string;
  @Column({ type: 'int', name: 'response_status' }) responseStatus: number;
  /** The answer's body (the dispatcher's view of the referral), sealed with its data key. */
  @Column({ type: 'bytea', name: 'response_body' }) responseBody: Buffer;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
}
