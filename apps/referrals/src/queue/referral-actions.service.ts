import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Caller } from '@concord/auth';
import { ReferralEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { conflict } from '@concord/platform';
import { AssignmentService } from '../assignment/assignment.service';
import { Offer, OfferStatus } from '../assignment/offer.entity';
import { takeBackOffer } from '../assignment/open-offer';
import { OpenReferral, Referral } from '../referral/referral.entity';
import { ReferralSeal } from '../referral/referral-seal';
import { nextStatus } from '../referral/referral-lifecycle';
import { dispatchView, PartnerReferralView, ReferralView } from '../referral/referral-view';
import { ReferralAccess } from './referral-access';
import {
  CancelReferralRequest,
  CompleteReferralRequest,
  DeclineReferralRequest,
  RecordContactRequest,
} from './referral-actions.request.dto';

interface PartnerStep {
  readonly referral: OpenReferral;
  readonly offer: Offer;
  readonly manager: EntityManager;
  readonly now: Date;
}

/**
 * The steps of a referral's lifecycle that people take: the partner holding it accepts, declines,
 * records contact and reports the outcome; dispatch cancels; an administrator retries assignment.
 * Each step checks the state machine, updates the referral and its offer, and publishes its event
 * in one transaction.
 */
@Injectable()
export class ReferralActionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly access: ReferralAccess,
    private readonly assignment: AssignmentService,
    private readonly seal: ReferralSeal,
  ) {}

  accept(caller: Caller, id: string): Promise<PartnerReferralView> {
    return this.asHolder(caller, id, async ({ referral, offer, manager, now }) => {
      await this.advance(manager, referral, offer, 'accept', 'accepted', { acceptedAt: now }, now);
      await this.outbox.publish(manager, ReferralEvents.accepted, {
        referralId: id,
        partnerId: offer.partnerId,
        acceptedAt: now.toISOString(),
      });
    });
  }

  decline(
    caller: Caller,
    id: string,
    request: DeclineReferralRequest,
  ): Promise<PartnerReferralView> {
    return this.asHolder(caller, id, async ({ referral, offer, manager }) => {
      await takeBackOffer(manager, referral, 'decline', 'declined', {
        declineReason: request.reason,
        declineNote: request.note ? this.seal.sealDeclineNote(referral, request.note) : null,
      });
      await this.outbox.publish(manager, ReferralEvents.declined, {
        referralId: id,
        partnerId: offer.partnerId,
        reason: request.reason,
      });
    });
  }

  recordContact(
    caller: Caller,
    id: string,
    request: RecordContactRequest,
  ): Promise<PartnerReferralView> {
    return this.asHolder(caller, id, async ({ referral, offer, manager, now }) => {
      await this.advance(
        manager,
        referral,
        offer,
        'recordContact',
        'in-progress',
        {
          contactedAt: now,
          ...(request.note
            ? { notes: this.seal.sealNotes(referral, { outcomeNote: request.note }) }
            : {}),
        },
        now,
      );
      await this.outbox.publish(manager, ReferralEvents.inProgress, {
        referralId: id,
        partnerId: offer.partnerId,
        contactedAt: now.toISOString(),
      });
    });
  }

  complete(
    caller: Caller,
    id: string,
    request: CompleteReferralRequest,
  ): Promise<PartnerReferralView> {
    return this.asHolder(caller, id, async ({ referral, offer, manager, now }) => {
      const unsuccessfulReason =
        request.outcome === 'unsuccessful' ? (request.unsuccessfulReason ?? null) : null;
      await this.advance(
        manager,
        referral,
        offer,
        'complete',
        'completed',
        {
          outcome: request.outcome,
          unsuccessfulReason,
          ...(request.note
            ? { notes: this.seal.sealNotes(referral, { outcomeNote: request.note }) }
            : {}),
          closedAt: now,
        },
        now,
      );
      await this.outbox.publish(manager, ReferralEvents.completed, {
        referralId: id,
        partnerId: offer.partnerId,
        outcome: request.outcome,
        ...(unsuccessfulReason ? { unsuccessfulReason } : {}),
        completedAt: now.toISOString(),
      });
    });
  }

  cancel(caller: Caller, id: string, request: CancelReferralRequest): Promise<ReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.access.referralFor(manager, caller, id, true);
      const now = new Date();
      const status = nextStatus(id, referral.status, 'cancel');
      const partnerId = referral.partnerId;
      if (partnerId) {
        await manager.update(
          Offer,
          { referralId: id, attempt: referral.attempt },
          { status: 'cancelled', answeredAt: now },
        );
      }
      await manager.update(Referral, id, {
        status,
        notes: this.seal.sealNotes(referral, { cancelReason: request.reason }),
        closedAt: now,
        updatedAt: now,
      });
      await this.outbox.publish(manager, ReferralEvents.cancelled, {
        referralId: id,
        ...(partnerId ? { partnerId } : {}),
      });
      return dispatchView(await this.access.reread(manager, id));
    });
  }

  /** An administrator sends an unassignable referral through the engine again. */
  retryAssignment(caller: Caller, id: string): Promise<ReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.access.referralFor(manager, caller, id, true);
      await manager.update(Referral, id, {
        status: nextStatus(id, referral.status, 'retryAssignment'),
        updatedAt: new Date(),
      });
      await this.assignment.assign(manager, id);
      return dispatchView(await this.access.reread(manager, id));
    });
  }

  /**
   * Runs a partner's step on a referral that the partner holds now. A partner that never had it
   * gets a 404; one whose offer ended (declined, expired, withdrawn) gets a 409 that says so.
   */
  private asHolder(
    caller: Caller,
    id: string,
    step: (context: PartnerStep) => Promise<void>,
  ): Promise<PartnerReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.access.referralFor(manager, caller, id, true);
      const offer = await this.access.offerFor(manager, caller, id);
      if (referral.partnerId !== caller.organizationId || offer.attempt !== referral.attempt) {
        throw conflict(
          'OFFER_NO_LONGER_YOURS',
          `referral ${id} is no longer offered to your organisation: your offer was ${offer.status}`,
        );
      }
      await step({ referral, offer, manager, now: new Date() });
      const [after, offerAfter] = await Promise.all([
        this.access.reread(manager, id),
        manager.findOneByOrFail(Offer, { id: offer.id }),
      ]);
      return this.access.partnerView(manager, after, offerAfter);
    });
  }

  private async advance(
    manager: EntityManager,
    referral: OpenReferral,
    offer: Offer,
    action: 'accept' | 'recordContact' | 'complete',
    offerStatus: OfferStatus,
    changes: Partial<Referral>,
    now: Date,
  ): Promise<void> {
    const status = nextStatus(referral.id, referral.status, action);
    await manager.update(Referral, referral.id, { ...changes, status, updatedAt: now });
    await manager.update(Offer, offer.id, {
      status: offerStatus,
      ...(action === 'accept' ? { answeredAt: now } : {}),
    });
  }
}
