export * from './audit-record.entity';
export * from './audit-records.migration';
export * from './audit-client-address.migration';
export * from './client-address.context';
export * from './audit-entry';
export * from './audit.options';
export * from './audit.decorators';
export * from './audit-trail.service';
export * from './audit.interceptor';
export * from './auth-failure-audit.filter';
export * from './audit-records.query.dto';
export * from './audit-csv.util';
export * from './audit.module';
export * from './http-audit.util';

import { AuditRecord } from './audit-record.entity';
import { AuditRecordsTable1764600000000 } from './audit-records.migration';
import { AuditClientAddress1765300000100 } from './audit-client-address.migration';
/** The TypeORM entities of the audit trail, to add to a service's DataSource. */
export const AUDIT_ENTITIES = [AuditRecord];
/** The migrations of the audit trail's table, in order, to add to a service's DataSource. */
export const AUDIT_MIGRATIONS = [AuditRecordsTable1764600000000, AuditClientAddress1765300000100];
