export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');

/** How an error a handler threw reads in an audit record. */
export interface AuditedError {
  readonly status: number;
  /** A code or a message; never a personal data value. */
  readonly reason: string;
}

export interface AuditOptions {
  /** The service's name, in export file names. */
  readonly service: string;
  /** Records older than this many days are purged (at least 1). */
  readonly retentionDays: number;
  /** How often the purge runs, in milliseconds. */
  readonly purgeIntervalMs: number;
  /**
   * The status and reason of errors that are not Nest HttpExceptions (e.g. the platform's domain
   * errors); undefined for an error it does not know, which is recorded as a 500.
   */
  readonly describeError?: (error: unknown) => AuditedError | undefined;
}
