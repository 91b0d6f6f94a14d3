import { EntityManager } from 'typeorm';
import { Referral } from '../referral/referral.entity';
import { nextStatus, ReferralAction } from '../referral/referral-lifecycle';
import { Offer, OfferStatus } from './offer.entity';

/** The offer a referral is waiting on an answer to. */
export function findOpenOffer(manager: EntityManager, referral: Referral): Promise<Offer | null> {
  return manager.findOneBy(Offer, {
    referralId: referral.id,
    attempt: referral.attempt,
    status: 'offered',
  });
}

/**
 * Ends the open offer of an `offered` referral without a case (declined, missed, withdrawn) and
 * puts the referral back in line for assignment. Returns the partner that held the offer.
 */
export async function takeBackOffer(
  manager: EntityManager,
  referral: Referral,
  action: Extract<ReferralAction, 'decline' | 'missDeadline' | 'withdrawOffer'>,
  offerStatus: Extract<OfferStatus, 'declined' | 'expired' | 'withdrawn'>,
  details: Partial<Pick<Offer, 'declineReason' | 'declineNote'>> = {},
): Promise<string> {
  const status = nextStatus(referral.id, referral.status, action);
  const now = new Date();
  const offer = await findOpenOffer(manager, referral);
  if (offer) {
    await manager.update(Offer, offer.id, { status: offerStatus, answeredAt: now, ...details });
  }
  const partnerId = referral.partnerId as string;
  await manager.update(Referral, referral.id, {
    status,
    partnerId: null,
    serviceId: null,
    agreementId: null,
    acceptBy: null,
    updatedAt: now,
  });
  return partnerId;
}
