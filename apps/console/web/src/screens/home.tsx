import { Navigate } from 'react-router';
import { useSession } from '../session';

/** Each role starts where its work is. */
export function Home() {
  const { data } = useSession();
  if (!data?.signedIn) return null;
  switch (data.role) {
    case 'partner':
      return <Navigate to="/queue" replace />;
    case 'dispatcher':
      return <Navigate to="/referrals" replace />;
    case 'admin':
      return <Navigate to="/dashboard" replace />;
    case 'auditor':
      return <Navigate to="/audit" replace />;
  }
}
