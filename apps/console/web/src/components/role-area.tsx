import { Outlet } from 'react-router';
import { Role, useSession } from '../session';

/**
 * The screens of some roles only. Anyone else who types their address gets the 403 page, and
 * the screen is never mounted, so not one of its requests is made.
 */
export function RoleArea({ roles }: { roles: readonly Role[] }) {
  const { data } = useSession();
  if (!data?.signedIn) return null;
  if (!roles.includes(data.role)) return <Forbidden roles={roles} />;
  return <Outlet />;
}

const ROLE_NAMES: Record<Role, string> = {
  admin: 'programme administrators',
  auditor: 'auditors',
  dispatcher: 'dispatchers',
  partner: 'partner case workers',
};

export function Forbidden({ roles }: { roles: readonly Role[] }) {
  return (
    <section className="state problem" role="alert">
      <h1>403: not for your role</h1>
      <p>
        This page is for {roles.map((role) => ROLE_NAMES[role]).join(' and ')} only. Nothing on it
        was loaded.
      </p>
    </section>
  );
}
