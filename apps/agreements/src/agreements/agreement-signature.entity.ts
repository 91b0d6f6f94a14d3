import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AGREEMENT_PARTIES = ['agency', 'partner'] as const;
export type AgreementParty = (typeof AGREEMENT_PARTIES)[number];

/** The signatory of one party; each party signs once. */
@Entity({ name: 'agreement_signatures' })
export class AgreementSignature {
  @PrimaryColumn({ type: 'uuid', name: 'agreement_id' }) agreementId: string;
  @PrimaryColumn({ type: 'text' }) party: AgreementParty;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) title: string;
  @Column({ type: 'timestamptz', name: 'signed_at' }) signedAt: Date;
  /** The token subject of the administrator who recorded the signature. */
  @Column({ type: 'text', name: 'recorded_by' }) recordedBy: string;
}
