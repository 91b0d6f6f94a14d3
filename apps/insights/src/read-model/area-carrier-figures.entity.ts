import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What one partner, under one agreement and initiative, carried in one area, kept by the
 * projection (rollups.ts): the offers made to it, and the referrals it accepted and completed
 * (counted on the partner's offer in referral_offers, which names the agreement).
 */
@Entity({ name: 'area_carrier_figures' })
export class AreaCarrierFigures {
  /** The referral's area code, or UNKNOWN_AREA (rollups.ts) while unknown. */
  @PrimaryColumn({ type: 'text', name: 'area_code' }) areaCode: string;
  @PrimaryColumn({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  /** The offer's agreement, or UNKNOWN_ID (rollups.ts) when no offer of the partner is known. */
  @PrimaryColumn({ type: 'uuid', name: 'agreement_id' }) agreementId: string;
  /** The offer's initiative, or UNKNOWN_ID. */
  @PrimaryColumn({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'int', default: 0 }) offered: number;
  @Column({ type: 'int', default: 0 }) accepted: number;
  @Column({ type: 'int', default: 0 }) completed: number;
}
