import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound } from '@concord/platform';
import { Offer } from '../assignment/offer.entity';
import { DirectoryService } from '../directory/directory.service';
import { Referral } from '../referral/referral.entity';
import { partnerView, PartnerReferralView } from '../referral/referral-view';

const referralNotFound = (id: string) =>
  notFound('REFERRAL_NOT_FOUND', `referral ${id} does not exist or is not yours to see`);

/**
 * Who may see which referral: dispatch its own agency's, administrators all, a partner only those
 * offered to it (now or before), through its agreement's data-sharing terms. Anything else is a
 * 404, so that a partner cannot even learn that another's referral exists.
 */
@Injectable()
export class ReferralAccess {
  constructor(private readonly directory: DirectoryService) {}

  async referralFor(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<Referral> {
    const referral = await manager.findOne(Referral, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!referral) throw referralNotFound(id);
    if (caller.role === 'admin') return referral;
    if (caller.role === 'dispatcher' && referral.agencyId === caller.organizationId) {
      return referral;
    }
    if (caller.role === 'partner' && (await this.latestOfferTo(manager, caller, id))) {
      return referral;
    }
    throw referralNotFound(id);
  }

  /** The last offer of the referral to the caller's organisation; a 404 if there never was one. */
  async offerFor(manager: EntityManager, caller: Caller, referralId: string): Promise<Offer> {
    const offer = await this.latestOfferTo(manager, caller, referralId);
    if (!offer) throw referralNotFound(referralId);
    return offer;
  }

  async partnerView(
    manager: EntityManager,
    referral: Referral,
    offer: Offer,
  ): Promise<PartnerReferralView> {
    const agreement = await this.directory.findAgreement(manager, offer.agreementId);
    return partnerView(referral, offer, agreement?.terms);
  }

  private latestOfferTo(
    manager: EntityManager,
    caller: Caller,
    referralId: string,
  ): Promise<Offer | null> {
    if (!caller.organizationId) return Promise.resolve(null);
    return manager.findOne(Offer, {
      where: { referralId, partnerId: caller.organizationId },
      order: { attempt: 'DESC' },
    });
  }
}
