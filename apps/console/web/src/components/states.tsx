import { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** What went wrong, in words a person can act on; a 401 leads to sign-in, a 403 says why. */
export function Problem({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 401) {
    return (
      <div className="state problem" role="alert">
        <p>Your session has ended.</p>
        <Link to="/sign-in">Sign in again</Link>
      </div>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <div className="state problem" role="alert">
        <p>Your role may not do this.</p>
        <p>{error.messages.join(' ')}</p>
      </div>
    );
  }
  const text = error instanceof Error ? error.message : String(error);
  return (
    <div className="state problem" role="alert">
      <p>Something went wrong: {text}</p>
    </div>
  );
}

/** A screen's answer to a role that may not use it. */
export function NotForRole({ what, role }: { what: string; role: string }) {
  return (
    <div className="state problem" role="alert">
      <h1>Not available</h1>
      <p>
        The {role} role cannot use {what}.
      </p>
    </div>
  );
}
