import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Channel } from '@concord/contracts';
import { Audience } from '../routing/notification-routes';

/**
 * An organisation's (or the programme administrators') wish to hear some event types on one
 * channel. Deleting one keeps the row (`deleted_at`), so that the delivery log still names it.
 */
@Entity({ name: 'subscriptions' })
export class Subscription {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) audience: Audience;
  /** The organisation, or PROGRAMME_ADMINISTRATORS_ID for the administrators. */
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId: string;
  @Column({ type: 'text', array: true, name: 'event_types' }) eventTypes: string[];
  @Column({ type: 'text' }) channel: Channel;
  @Column({ type: 'text', name: 'webhook_url', nullable: true }) webhookUrl: string | null;
  /** Kept as given: signing needs the secret itself. Never part of an answer. */
  @Column({ type: 'text', name: 'webhook_secret', nullable: true }) webhookSecret: string | null;
  @Column({ type: 'text', name: 'email_address', nullable: true }) emailAddress: string | null;
  /** The token subject of the person or client that created it. */
  @Column({ type: 'text', name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'deleted_at', nullable: true }) deletedAt: Date | null;
}
