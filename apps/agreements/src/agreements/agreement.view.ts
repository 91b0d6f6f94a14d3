import {
  AgreementSnapshotV1,
  AgreementStatus,
  Part2TermsV1,
  ReferralCategory,
  ResponseDeadlinesV1,
  ShareableReferralField,
} from '@concord/contracts';
import { Agreement, AgreementTerms } from './agreement.entity';
import { AgreementParty, AgreementSignature } from './agreement-signature.entity';
import { AgreementStatusChange } from './agreement-status-change.entity';
import { AgreementVersion } from './agreement-version.entity';

interface TermsView {
  categories: ReferralCategory[];
  sharedFields: ShareableReferralField[];
  sharedFieldsWithoutConsent: ShareableReferralField[];
  part2: Part2TermsV1 | null;
  acceptWithinMinutes: ResponseDeadlinesV1;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** An agreement as GET /agreements lists it. */
export interface AgreementView extends TermsView {
  id: string;
  initiativeId: string;
  agencyId: string;
  partnerId: string;
  status: AgreementStatus;
  statusReason: string | null;
  statusChangedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AgreementVersionView extends TermsView {
  version: number;
  reason: string | null;
  createdBy: string;
  createdAt: string;
}

export interface AgreementSignatureView {
  party: AgreementParty;
  name: string;
  title: string;
  signedAt: string;
  recordedBy: string;
}

/** One status an agreement took: when, why, and who made the change. */
export interface AgreementStatusChangeView {
  status: AgreementStatus;
  /** null for the creation of the draft, and for a row backfilled when the history began. */
  previousStatus: AgreementStatus | null;
  /** Why it was suspended or terminated; null otherwise. */
  reason: string | null;
  changedAt: string;
  /** The token subject of the administrator, 'scheduler', or 'unknown' for a backfilled row. */
  changedBy: string;
}

/**
 * One agreement with its signatures, every version of its terms and every status it has had,
 * oldest first.
 */
export interface AgreementDetailView extends AgreementView {
  signatures: AgreementSignatureView[];
  versions: AgreementVersionView[];
  statusHistory: AgreementStatusChangeView[];
}

const deadlines = ({ immediate, 'same-day': sameDay, routine }: ResponseDeadlinesV1) => ({
  immediate,
  'same-day': sameDay,
  routine,
});

const termsView = (terms: AgreementTerms): TermsView => ({
  categories: terms.categories,
  sharedFields: terms.sharedFields,
  sharedFieldsWithoutConsent: terms.sharedFieldsWithoutConsent,
  part2: terms.part2,
  acceptWithinMinutes: deadlines(terms.acceptWithinMinutes),
  effectiveFrom: terms.effectiveFrom.toISOString(),
  effectiveTo: terms.effectiveTo?.toISOString() ?? null,
});

export function toAgreementView(agreement: Agreement): AgreementView {
  return {
    id: agreement.id,
    initiativeId: agreement.initiativeId,
    agencyId: agreement.agencyId,
    partnerId: agreement.partnerId,
    status: agreement.status,
    statusReason: agreement.statusReason,
    statusChangedAt: agreement.statusChangedAt.toISOString(),
    version: agreement.version,
    ...termsView(agreement),
    createdAt: agreement.createdAt.toISOString(),
    updatedAt: agreement.updatedAt.toISOString(),
  };
}

export function toAgreementDetailView(
  agreement: Agreement,
  signatures: readonly AgreementSignature[],
  versions: readonly AgreementVersion[],
  statusHistory: readonly AgreementStatusChange[],
): AgreementDetailView {
  return {
    ...toAgreementView(agreement),
    signatures: signatures.map((signature) => ({
      party: signature.party,
      name: signature.name,
      title: signature.title,
      signedAt: signature.signedAt.toISOString(),
      recordedBy: signature.recordedBy,
    })),
    versions: versions.map((version) => ({
      version: version.version,
      ...termsView(version),
      reason: version.reason,
      createdBy: version.createdBy,
      createdAt: version.createdAt.toISOString(),
    })),
    statusHistory: statusHistory.map((change) => ({
      status: change.status,
      previousStatus: change.previousStatus,
      reason: change.reason,
      changedAt: change.changedAt.toISOString(),
      changedBy: change.changedBy,
    })),
  };
}

/** The payload of every agreement.* change event: the terms in force and the status. */
export function toAgreementSnapshot(agreement: Agreement): AgreementSnapshotV1 {
  return {
    agreementId: agreement.id,
    agencyId: agreement.agencyId,
    partnerId: agreement.partnerId,
    initiativeId: agreement.initiativeId,
    version: agreement.version,
    status: agreement.status,
    categories: agreement.categories,
    sharedFields: agreement.sharedFields,
    sharedFieldsWithoutConsent: agreement.sharedFieldsWithoutConsent,
    ...(agreement.part2
      ? { part2: { redisclosureNotice: agreement.part2.redisclosureNotice } }
      : {}),
    acceptWithinMinutes: deadlines(agreement.acceptWithinMinutes),
    effectiveFrom: agreement.effectiveFrom.toISOString(),
    ...(agreement.effectiveTo ? { effectiveTo: agreement.effectiveTo.toISOString() } : {}),
  };
}
