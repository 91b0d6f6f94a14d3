import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralSubmittedV1 } from '@concord/contracts';
import { NotificationsConfig } from '../notifications.config';
import { Listener, NotificationRoute } from './notification-routes';
import { Recipient } from './recipient';
import { ReferralAgency } from './referral-agency.entity';

/** Turns a route's listeners into the recipients of one event. */
@Injectable()
export class RecipientDirectory {
  private readonly logger = new Logger(RecipientDirectory.name);

  constructor(private readonly config: NotificationsConfig) {}

  /** Remembers the referral's agency; a redelivered submission changes nothing. */
  async recordSubmission(manager: EntityManager, event: ReferralSubmittedV1): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReferralAgency)
      .values({
        referralId: event.referralId,
        agencyId: event.agencyId,
        submittedAt: new Date(event.submittedAt),
      })
      .orIgnore()
      .execute();
  }

  /** The route's recipients for this payload, each once. */
  async recipientsOf(
    manager: EntityManager,
    route: NotificationRoute,
    payload: object,
  ): Promise<Recipient[]> {
    const byId = new Map<string, Recipient>();
    for (const listener of route.listeners) {
      const recipient = await this.resolve(manager, listener, route, payload);
      if (recipient && !byId.has(recipient.id)) byId.set(recipient.id, recipient);
    }
    return [...byId.values()];
  }

  private async resolve(
    manager: EntityManager,
    listener: Listener,
    route: NotificationRoute,
    payload: { partnerId?: string; referralId?: string },
  ): Promise<Recipient | undefined> {
    switch (listener) {
      case 'administrators':
        return { audience: 'administrators', id: this.config.PROGRAMME_ADMINISTRATORS_ID };
      case 'partner':
        return payload.partnerId ? { audience: 'organization', id: payload.partnerId } : undefined;
      case 'agency': {
        const known = payload.referralId
          ? await manager.findOneBy(ReferralAgency, { referralId: payload.referralId })
          : null;
        if (!known) {
          this.logger.warn(
            `${route.event.type} about referral ${payload.referralId}: its submission was never seen, so dispatch is not told`,
          );
          return undefined;
        }
        return { audience: 'organization', id: known.agencyId };
      }
    }
  }
}
