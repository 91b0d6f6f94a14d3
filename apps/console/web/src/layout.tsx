import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { onSignedOut, post } from './api';
import { Loading, Problem } from './components/states';
import { useLiveUpdates } from './live';
import { Role, SESSION_KEY, useSession } from './session';

interface NavItem {
  to: string;
  label: string;
  roles: Role[];
}

/** Navigation shows only what the role may do. */
const NAVIGATION: NavItem[] = [
  { to: '/queue', label: 'Referral queue', roles: ['partner'] },
  { to: '/activities', label: 'Joint activities', roles: ['partner'] },
  { to: '/referrals/new', label: 'New referral', roles: ['dispatcher'] },
  { to: '/referrals', label: 'Referrals', roles: ['dispatcher', 'admin'] },
  { to: '/dashboard', label: 'Dashboard', roles: ['admin'] },
  { to: '/map', label: 'Map', roles: ['admin'] },
  { to: '/stuck', label: 'Stuck', roles: ['admin'] },
  { to: '/organisations', label: 'Organisations', roles: ['admin'] },
  { to: '/directory', label: 'Directory (HSDS)', roles: ['admin'] },
  { to: '/initiatives', label: 'Initiatives', roles: ['admin'] },
  { to: '/agreements', label: 'Agreements', roles: ['admin'] },
  { to: '/funding', label: 'Funding', roles: ['admin'] },
  { to: '/subscriptions', label: 'Webhooks', roles: ['admin'] },
  { to: '/audit', label: 'Audit trail', roles: ['admin', 'auditor'] },
  { to: '/reports', label: 'Grant reports', roles: ['admin', 'auditor'] },
  { to: '/review', label: 'Partnership review', roles: ['admin', 'auditor'] },
  { to: '/forecast', label: 'Demand forecast', roles: ['admin', 'auditor'] },
];

const ROLE_NAMES: Record<Role, string> = {
  dispatcher: 'Dispatcher',
  partner: 'Partner case worker',
  admin: 'Programme administrator',
  auditor: 'Auditor',
};

/** The frame of every signed-in screen: header, navigation, sign-out, live updates. */
export function Layout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const signedIn = session.data?.signedIn === true;
  useLiveUpdates(signedIn);
  useEffect(
    () =>
      onSignedOut(() => {
        void client.invalidateQueries({ queryKey: SESSION_KEY });
      }),
    [client],
  );

  if (session.isPending) return <Loading what="your session" />;
  if (session.isError) return <Problem error={session.error} />;
  if (!session.data.signedIn) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  const { role } = session.data;
  const signOut = async () => {
    await post('/auth/sign-out').catch(() => undefined);
    client.clear();
    navigate('/sign-in', { replace: true });
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="banner">
        <span className="brand">Concord</span>
        <nav aria-label="Main">
          <ul>
            {NAVIGATION.filter((item) => item.roles.includes(role)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>{ROLE_NAMES[role]}</span>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
