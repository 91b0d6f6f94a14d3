import { useQuery } from '@tanstack/react-query';
import { get, useCsrfToken } from './api';

export type Role = 'dispatcher' | 'partner' | 'admin' | 'auditor';

export type Session =
  | {
      signedIn: true;
      subject: string;
      role: Role;
      organizationId: string | null;
      signedInWith: 'oidc' | 'development';
      expiresAt: string;
      csrfToken: string;
    }
  | { signedIn: false; signIn: { oidc: boolean; development: boolean } };

export const SESSION_KEY = ['session'] as const;

/** Who is signed in. Every other screen waits for it. */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await get<Session>('/auth/session');
      useCsrfToken(session.signedIn ? session.csrfToken : undefined);
      return session;
    },
    staleTime: 60_000,
  });
}
