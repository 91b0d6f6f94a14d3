import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  AgreementSnapshotV1,
  AgreementStatus,
  OrganizationType,
  PartnerServiceV1,
  ReferralCategory,
} from '@concord/contracts';

/** Cents fit a JavaScript number exactly up to 2^53; PostgreSQL hands bigint back as a string. */
const bigintCents = {
  to: (value: number): number => value,
  from: (value: string | null): number => Number(value),
};

/** The referrals service's copy of an organisation, kept from organization.* events. */
@Entity({ name: 'directory_organizations' })
export class DirectoryOrganization {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: OrganizationType;
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'jsonb' }) services: PartnerServiceV1[];
}

/** The referrals service's copy of an agreement's terms and status, kept from agreement.* events. */
@Entity({ name: 'directory_agreements' })
@Index('directory_agreements_by_agency', ['agencyId', 'partnerId'])
export class DirectoryAgreement {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) status: AgreementStatus;
  @Column({ type: 'jsonb' }) terms: AgreementSnapshotV1;
}

/**
 * The referrals service's copy of a budget's state, kept from budget.* events: enough to stop
 * routing to a partner whose budget cannot cover another case, and to resume when it can.
 */
@Entity({ name: 'directory_budgets' })
@Index('directory_budgets_by_partner', ['partnerId', 'initiativeId'])
export class DirectoryBudget {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'uuid', name: 'initiative_id' }) initiativeId: string;
  @Column({ type: 'uuid', name: 'partner_id' }) partnerId: string;
  /** Null: the budget covers every category of the initiative without a budget of its own. */
  @Column({ type: 'text', nullable: true }) category: ReferralCategory | null;
  @Column({ type: 'bigint', name: 'available_cents', transformer: bigintCents })
  availableCents: number;
  @Column({ type: 'bigint', name: 'cost_per_case_cents', transformer: bigintCents })
  costPerCaseCents: number;
}
