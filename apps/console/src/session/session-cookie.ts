import { Request, Response } from 'express';

/** The cookie that carries the session's id; httpOnly, so no script on the page can read it. */
export const SESSION_COOKIE = 'concord_session';
/** Binds an OpenID sign-in under way to the browser that started it (its `state`). */
export const SIGN_IN_COOKIE = 'concord_sign_in';

/** The value of one cookie of a request, or undefined. */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const equals = part.indexOf('=');
    if (equals > 0 && part.slice(0, equals).trim() === name) {
      return decodeURIComponent(part.slice(equals + 1).trim());
    }
  }
  return undefined;
}

interface CookieOptions {
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
  /**
   * Strict for the session: no other site can make the browser send it. Lax for a sign-in
   * under way, which comes back from the provider as a top-level cross-site navigation.
   */
  readonly sameSite: 'Strict' | 'Lax';
  readonly path?: string;
}

/**
 * Sets a cookie that is httpOnly, Secure and SameSite. Browsers keep Secure cookies for
 * http://localhost and 127.0.0.1 as well, so development needs no exception.
 */
export function setCookie(
  response: Response,
  name: string,
  value: string,
  options: CookieOptions,
): void {
  const attributes = [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${options.maxAge}`,
    'HttpOnly',
    'Secure',
    `SameSite=${options.sameSite}`,
  ];
  response.append('Set-Cookie', attributes.join('; '));
}

export function clearCookie(
  response: Response,
  name: string,
  sameSite: CookieOptions['sameSite'],
  path?: string,
): void {
  setCookie(response, name, '', { maxAge: 0, sameSite, path });
}
