import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The referrals of one area (referral.submitted's geohash `areaCode`), kept by the projection
 * (rollups.ts): each referral adds 1 to a column the first time it reaches that status.
 */
@Entity({ name: 'area_figures' })
export class AreaFigures {
  /** The geohash area code, or UNKNOWN_AREA (rollups.ts) while unknown. */
  @PrimaryColumn({ type: 'text', name: 'area_code' }) areaCode: string;
  @Column({ type: 'int', default: 0 }) submitted: number;
  /** Referrals the engine found no partner for at least once. */
  @Column({ type: 'int', default: 0 }) unassignable: number;
  @Column({ type: 'int', default: 0 }) accepted: number;
  /** Completed with either outcome. */
  @Column({ type: 'int', default: 0 }) completed: number;
  @Column({ type: 'int', default: 0 }) cancelled: number;
}
