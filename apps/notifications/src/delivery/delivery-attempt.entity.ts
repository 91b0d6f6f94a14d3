import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Channel } from '@concord/contracts';

export const ATTEMPT_OUTCOMES = ['delivered', 'failed', 'stored'] as const;
/** `stored` is the inbox's one attempt. */
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** One try at delivering a notification: the delivery log. */
@Entity({ name: 'delivery_attempts' })
export class DeliveryAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'uuid', name: 'notification_id' }) notificationId: string;
  /** 1 for the first try. */
  @Column({ type: 'int' }) number: number;
  @Column({ type: 'text' }) channel: Channel;
  @Column({ type: 'timestamptz', name: 'attempted_at' }) attemptedAt: Date;
  @Column({ type: 'int', name: 'duration_ms' }) durationMs: number;
  @Column({ type: 'text' }) outcome: AttemptOutcome;
  /** The HTTP status of a webhook's answer, or the SMTP reply code of an e-mail. */
  @Column({ type: 'int', name: 'response_status', nullable: true }) responseStatus: number | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
}
