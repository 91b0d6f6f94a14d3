import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganizationType } from '@concord/contracts';

/** A police agency or a community partner. Its services live in organization_services. */
@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: OrganizationType;
  /** Grows by one with each change; carried by every organization.* event. */
  @Column({ type: 'int' }) revision: number;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;
}
