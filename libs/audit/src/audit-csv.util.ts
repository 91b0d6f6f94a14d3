import { AuditRecord } from './audit-record.entity';

/** The columns of an export, in order: the record's fields under their database names. */
export const AUDIT_CSV_COLUMNS: readonly [string, (record: AuditRecord) => unknown][] = [
  ['id', (record) => record.id],
  ['occurred_at', (record) => record.occurredAt.toISOString()],
  ['actor_subject', (record) => record.actorSubject],
  ['actor_organization', (record) => record.actorOrganization],
  ['actor_role', (record) => record.actorRole],
  ['action', (record) => record.action],
  ['object_type', (record) => record.objectType],
  ['object_id', (record) => record.objectId],
  ['subject_ref', (record) => record.subjectRef],
  ['outcome', (record) => record.outcome],
  ['http_method', (record) => record.httpMethod],
  ['http_route', (record) => record.httpRoute],
  ['http_status', (record) => record.httpStatus],
  ['correlation_id', (record) => record.correlationId],
  ['reason', (record) => record.reason],
  ['client_address', (record) => record.clientAddress],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, with quotes doubled.
 * A text starting with = + - @ or a tab/CR is prefixed with ' so that a spreadsheet shows it
 * instead of running it as a formula (CSV injection).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvRow(record: AuditRecord): string {
  return `${AUDIT_CSV_COLUMNS.map(([, read]) => csvField(read(record))).join(',')}\r\n`;
}
