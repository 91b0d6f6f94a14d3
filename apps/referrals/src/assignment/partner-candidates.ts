import { AgreementSnapshotV1, PartnerServiceV1 } from '@concord/contracts';
import { RoutingDirectory } from '../directory/directory.service';
import { Referral } from '../referral/referral.entity';
import { PartnerAgreement, PartnerCandidate, PartnerService } from './domain';

/** The engine's view of a service, from the organisation snapshot the directory keeps. */
export const partnerServiceOf = (service: PartnerServiceV1): PartnerService => ({
  serviceId: service.serviceId,
  category: service.category,
  area: service.area,
  capacity: service.capacity,
  hours: service.hours,
  eligibility: service.eligibility,
});

/** The engine's view of an agreement, from the snapshot its last event carried. */
export const partnerAgreementOf = (terms: AgreementSnapshotV1): PartnerAgreement => ({
  agreementId: terms.agreementId,
  agencyId: terms.agencyId,
  initiativeId: terms.initiativeId,
  status: terms.status,
  categories: terms.categories,
  effectiveFrom: terms.effectiveFrom,
  effectiveTo: terms.effectiveTo,
  acceptWithinMinutes: terms.acceptWithinMinutes,
});

/** Every partner of the directory as the engine judges it for this referral. */
export function partnerCandidates(
  directory: RoutingDirectory,
  referral: Pick<Referral, 'agencyId' | 'category'>,
  openCases: ReadonlyMap<string, number>,
): PartnerCandidate[] {
  const agreements = directory.agreementsOf(referral.agencyId);
  const exhausted = directory.exhaustedBudgets(referral.category);
  return directory.partners.map((partner) => ({
    partnerId: partner.id,
    name: partner.name,
    services: partner.services.map(partnerServiceOf),
    agreements: agreements
      .filter((agreement) => agreement.partnerId === partner.id)
      .map((agreement) => partnerAgreementOf(agreement.terms)),
    openCases,
    exhaustedBudgets: exhausted.get(partner.id),
  }));
}
