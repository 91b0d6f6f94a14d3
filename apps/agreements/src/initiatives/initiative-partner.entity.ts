import { Entity, PrimaryColumn } from 'typeorm';

/** A partner organisation taking part in an initiative. */
@Entity({ name: 'initiative_partners' })
export class InitiativePartner {
  @PrimaryColumn({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @PrimaryColumn({ type: 'uuid', name: 'partner_id' }) partnerId: string;
}
