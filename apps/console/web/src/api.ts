/** The console's API, as the application calls it: same origin, the session cookie, CSRF. */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** The answer's messages, each naming a field and its rule (or what went wrong). */
    readonly messages: string[],
  ) {
    super(messages.join('; ') || `the console answered ${status}`);
  }

  get signedOut(): boolean {
    return this.status === 401;
  }
}

let csrfToken: string | undefined;

/** Set from GET /auth/session; sent in X-CSRF-Token on every state-changing call. */
export function useCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

const messagesOf = (body: unknown, status: number): string[] => {
  const message = (body as { message?: unknown } | null)?.message;
  if (Array.isArray(message)) return message.map(String);
  if (typeof message === 'string') return [message];
  return [`the console answered ${status}`];
};

/** Listeners told when any call finds the session gone (401): the application signs in again. */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let answer: Response;
  try {
    answer = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, ['the console cannot be reached: check the connection and try again']);
  }
  const text = await answer.text();
  const body: unknown = text ? JSON.parse(text) : undefined;
  if (!answer.ok) {
    const error = new ApiError(answer.status, messagesOf(body, answer.status));
    if (error.signedOut && !path.startsWith('/auth/')) signedOutListeners.forEach((l) => l());
    throw error;
  }
  return body as T;
}

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  request<T>('POST', path, { body, headers });
export const put = <T>(path: string, body?: unknown) => request<T>('PUT', path, { body });
export const del = <T>(path: string) => request<T>('DELETE', path);
