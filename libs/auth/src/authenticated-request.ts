import { Caller } from './caller';

/** The part of an HTTP request the guard reads, and where it leaves the caller for handlers. */
export interface AuthenticatedRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  caller?: Caller;
}
