import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  AgreementSnapshotV1,
  AgreementStatus,
  OrganizationType,
  PartnerServiceV1,
} from '@concord/contracts';

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
