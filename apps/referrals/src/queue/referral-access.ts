import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Caller } from '@concord/auth';
import { notFound } from '@concord/platform';
import { Offer } from '../assignment/offer.entity';
import { DirectoryService } from '../directory/directory.service';
import { OpenReferral, Referral } from '../referral/referral.entity';
import { ReferralSeal } from '../referral/referral-seal';
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
  constructor(
    private readonly directory: DirectoryService,
    private readonly seal: ReferralSeal,
  ) {}

  async referralFor(
    manager: EntityManager,
    caller: Caller,
    id: string,
    lock = false,
  ): Promise<OpenReferral> {
    const referral = await manager.findOne(Referral, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!referral || !(await this.maySee(manager, caller, referral))) throw referralNotFound(id);
    return this.seal.open(referral);
  }

  private async maySee(
    manager: EntityManager,
    caller: Caller,
    referral: Referral,
  ): Promise<boolean> {
    if (caller.role === 'admin') return true;
    if (caller.role === 'dispatcher') return referral.agencyId === caller.organizationId;
    return (
      caller.role === 'partner' && (await this.latestOfferTo(manager, caller, referral.id)) !== null
    );
  }

  /** The referral with this id, opened; for reads after a step the caller was allowed to take. */
  async reread(manager: EntityManager, id: string): Promise<OpenReferral> {
    return this.seal.open(await manager.findOneByOrFail(Referral, { id }));
  }

  /** The last offer of the referral to the caller's organisation; a 404 if there never was one. */
  async offerFor(manager: EntityManager, caller: Caller, referralId: string): Promise<Offer> {
    const offer = await this.latestOfferTo(manager, caller, referralId);
    if (!offer) throw referralNotFound(referralId);
    return offer;
  }

  async partnerView(
    manager: EntityManager,
    referral: OpenReferral,
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
