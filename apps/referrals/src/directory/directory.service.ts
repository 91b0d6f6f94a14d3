import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgreementSnapshotV1, OrganizationChangedV1 } from '@concord/contracts';
import { DirectoryAgreement, DirectoryOrganization } from './directory.entities';

/** Keeps this service's copy of partners and agreements from the snapshots their events carry. */
@Injectable()
export class DirectoryService {
  /** Stores the snapshot unless a newer revision is already here (events may arrive again). */
  async recordOrganization(manager: EntityManager, snapshot: OrganizationChangedV1): Promise<void> {
    await manager.query(
      `INSERT INTO directory_organizations (id, name, type, revision, services)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE
         SET name = excluded.name, type = excluded.type, revision = excluded.revision,
             services = excluded.services
       WHERE directory_organizations.revision < excluded.revision`,
      [
        snapshot.organizationId,
        snapshot.name,
        snapshot.type,
        snapshot.revision,
        JSON.stringify(snapshot.services),
      ],
    );
  }

  /** Agreement events are keyed by agreement, so they arrive in order: the last one wins. */
  async recordAgreement(manager: EntityManager, snapshot: AgreementSnapshotV1): Promise<void> {
    await manager.upsert(
      DirectoryAgreement,
      {
        id: snapshot.agreementId,
        agencyId: snapshot.agencyId,
        partnerId: snapshot.partnerId,
        version: snapshot.version,
        status: snapshot.status,
        terms: { ...snapshot },
      },
      ['id'],
    );
  }

  findAgreement(manager: EntityManager, agreementId: string): Promise<DirectoryAgreement | null> {
    return manager.findOneBy(DirectoryAgreement, { id: agreementId });
  }

  findOrganization(manager: EntityManager, id: string): Promise<DirectoryOrganization | null> {
    return manager.findOneBy(DirectoryOrganization, { id });
  }
}
