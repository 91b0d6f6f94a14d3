import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { currentMessageContext } from '@concord/messaging';
import { AuditEntry, AuditFilter } from './audit-entry';
import { AuditRecord } from './audit-record.entity';
import { currentClientAddress } from './client-address.context';

/** Reason texts are capped: a record says why, it does not carry documents. */
const MAX_REASON = 1000;

/** Writes audit records and reads them back; there is deliberately no way to change one. */
@Injectable()
export class AuditTrail {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends the records, in `manager`'s transaction when given (so that the act and its record
   * commit together). Throws when the database refuses: callers decide whether that fails the act.
   */
  async record(entries: readonly AuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const correlationId = currentMessageContext()?.correlationId ?? null;
    const clientAddress = currentClientAddress() ?? null;
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(AuditRecord)
      .values(
        entries.map((entry) => ({
          actorSubject: entry.actorSubject,
          actorOrganization: entry.actorOrganization,
          actorRole: entry.actorRole,
          action: entry.action,
          objectType: entry.objectType ?? null,
          objectId: entry.objectId ?? null,
          subjectRef: entry.subjectRef ?? null,
          outcome: entry.outcome,
          httpMethod: entry.httpMethod ?? null,
          httpRoute: entry.httpRoute ?? null,
          httpStatus: entry.httpStatus ?? null,
          correlationId: entry.correlationId ?? correlationId,
          reason: entry.reason?.slice(0, MAX_REASON) ?? null,
          clientAddress: entry.clientAddress ?? clientAddress,
        })),
      )
      .execute();
  }

  /** A page of matching records, newest first, after the record with id `after`. */
  find(filter: AuditFilter, limit: number, after?: string): Promise<AuditRecord[]> {
    const query = this.dataSource.getRepository(AuditRecord).createQueryBuilder('record');
    if (filter.person) query.andWhere('record.subjectRef = :person', { person: filter.person });
    if (filter.user) query.andWhere('record.actorSubject = :user', { user: filter.user });
    if (filter.organization)
      query.andWhere('record.actorOrganization = :organization', {
        organization: filter.organization,
      });
    if (filter.from) query.andWhere('record.occurredAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('record.occurredAt <= :to', { to: filter.to });
    if (filter.action) query.andWhere('record.action = :action', { action: filter.action });
    if (filter.outcome) query.andWhere('record.outcome = :outcome', { outcome: filter.outcome });
    if (after !== undefined) query.andWhere('record.id < :after', { after });
    return query.orderBy('record.id', 'DESC').limit(limit).getMany();
  }

  /** Deletes the records older than `retentionDays` through the database's purge function. */
  async purgeOlderThan(retentionDays: number): Promise<number> {
    const rows = (await this.dataSource.query('SELECT purge_audit_records($1) AS purged', [
      retentionDays,
    ])) as { purged: string }[];
    return Number(rows[0]?.purged ?? 0);
  }
}
