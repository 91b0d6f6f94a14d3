import { AuditOutcome } from './audit-record.entity';

/** What an audit record says; the database adds the id and, unless given, the time. */
export interface AuditEntry {
  readonly actorSubject: string | null;
  readonly actorOrganization: string | null;
  readonly actorRole: string | null;
  readonly action: string;
  readonly objectType?: string | null;
  readonly objectId?: string | null;
  readonly subjectRef?: string | null;
  readonly outcome: AuditOutcome;
  readonly httpMethod?: string | null;
  readonly httpRoute?: string | null;
  readonly httpStatus?: number | null;
  /** Defaults to the correlation id of the request or event being handled. */
  readonly correlationId?: string | null;
  /** Defaults to the client address of the HTTP request being handled (client-address.context.ts). */
  readonly clientAddress?: string | null;
  readonly reason?: string | null;
}

/** What an auditor asks for; every filter is optional and they combine with AND. */
export interface AuditFilter {
  readonly person?: string;
  readonly user?: string;
  readonly organization?: string;
  readonly from?: Date;
  readonly to?: Date;
  readonly action?: string;
  readonly outcome?: AuditOutcome;
}
