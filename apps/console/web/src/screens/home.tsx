import { Navigate } from 'react-router';
import { NotForRole } from '../components/states';
import { useSession } from '../session';

/** Each role starts where its work is. */
export function Home() {
  const { data } = useSession();
  if (!data?.signedIn) return null;
  switch (data.role) {
    case 'partner':
      return <Navigate to="/queue" replace />;
    case 'dispatcher':
    case 'admin':
      return <Navigate to="/referrals" replace />;
    default:
      return (
        <NotForRole
          what="the console's referral screens (the auditor's come next)"
          role={data.role}
        />
      );
  }
}
