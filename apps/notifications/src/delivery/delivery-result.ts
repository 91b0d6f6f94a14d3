/** What one try at delivering a notification came to. */
export interface DeliveryResult {
  readonly delivered: boolean;
  /** The HTTP status of a webhook's answer, or the SMTP reply code of an e-mail. */
  readonly responseStatus: number | null;
  readonly error: string | null;
}

/** The wait after `attemptsMade` failed tries: doubling from `initialMs`, at most `maxMs`. */
export function backoffMs(initialMs: number, maxMs: number, attemptsMade: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attemptsMade - 1, 40));
}

/** A person-readable reason for a thrown error, with the network cause where there is one. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`.slice(0, 1000);
}
