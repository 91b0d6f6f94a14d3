import { Outlet } from 'react-router';
import { Role, useSession } from '../session';

/**
 * The screens of some roles only. Anyone else who types their address gets the 403 page, and
 * the screen is never mounted, so not one of its requests is made.
 */
export function RoleArea({ roles }: { roles: readonly Role[] }) {
  const { data } = useSession();
  if (!data?.signedIn) return null;
  if (!roles.includes(data.role)) return <Forbidden />;
  return <Outlet />;
}

export function Forbidden() {
  return (
    <section className="state problem" role="alert">
      <h1>403: not for your role</h1>
      <p>This page is for programme administrators and auditors. Nothing on it was loaded.</p>
    </section>
  );
}
