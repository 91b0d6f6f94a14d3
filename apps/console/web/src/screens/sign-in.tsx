import { FormEvent, useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, get, post } from '../api';
import { Loading, Problem } from '../components/states';
import { Role, SESSION_KEY, useSession } from '../session';

interface Organization {
  id: string;
  name: string;
  type: string;
}

const ROLE_CHOICES: { role: Role; label: string; organisationType: 'agency' | 'partner' | null }[] =
  [
    { role: 'partner', label: 'Partner case worker', organisationType: 'partner' },
    { role: 'dispatcher', label: 'Dispatcher', organisationType: 'agency' },
    { role: 'admin', label: 'Programme administrator', organisationType: null },
    { role: 'auditor', label: 'Auditor', organisationType: null },
  ];

const safeReturnTo = (value: string | null): string =>
  value && /^\/(?![/\\])/.test(value) ? value : '/';

/** Signing in: with the agency's account (OpenID Connect), or, in development, as a role. */
export function SignIn() {
  const session = useSession();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const error = params.get('error');

  if (session.isPending) return <Loading what="sign-in" />;
  if (session.isError) return <Problem error={session.error} />;
  if (session.data.signedIn) return <Navigate to={returnTo} replace />;
  const { oidc, development } = session.data.signIn;

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Concord</h1>
      {error && (
        <p role="alert" className="form-error">
          Sign-in failed: {error}
        </p>
      )}
      {oidc && (
        <p>
          <a
            className="button primary"
            href={`/auth/sign-in?returnTo=${encodeURIComponent(returnTo)}`}
          >
            Sign in with your agency account
          </a>
        </p>
      )}
      {development && <DevelopmentSignIn returnTo={returnTo} />}
      {!oidc && !development && (
        <p role="alert">No way to sign in is configured. Ask your administrator.</p>
      )}
    </main>
  );
}

/** Development only: pick a role and an organisation; the console mints the token. */
function DevelopmentSignIn({ returnTo }: { returnTo: string }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const roleId = useId();
  const organisationId = useId();
  const [role, setRole] = useState<Role>('partner');
  const [organizationId, setOrganizationId] = useState('');
  const [problem, setProblem] = useState<string[]>([]);
  const organisations = useQuery({
    queryKey: ['development-organisations'],
    queryFn: () => get<{ organizations: Organization[] }>('/auth/development/organizations'),
  });
  const choice = ROLE_CHOICES.find((item) => item.role === role) ?? ROLE_CHOICES[0];
  const candidates = (organisations.data?.organizations ?? []).filter((organisation) =>
    choice.organisationType === 'agency'
      ? organisation.type === 'police-agency'
      : organisation.type !== 'police-agency',
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem([]);
    try {
      await post('/auth/development', {
        role,
        ...(choice.organisationType ? { organizationId } : {}),
      });
      await client.invalidateQueries({ queryKey: SESSION_KEY });
      navigate(returnTo, { replace: true });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.messages : [String(error)]);
    }
  };

  return (
    <form className="card" onSubmit={(event) => void submit(event)}>
      <h2>Sign in as (development)</h2>
      <p className="hint">Refused in production, where people sign in with their agency account.</p>
      <div className="field">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
          {ROLE_CHOICES.map((item) => (
            <option key={item.role} value={item.role}>
              {item.label}
            </option>
          ))}
        </select>
      </div>
      {choice.organisationType && (
        <div className="field">
          <label htmlFor={organisationId}>Organisation</label>
          <select
            id={organisationId}
            value={organizationId}
            required
            onChange={(event) => setOrganizationId(event.target.value)}
          >
            <option value="">Choose an organisation</option>
            {candidates.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name}
              </option>
            ))}
          </select>
          {organisations.isError && <Problem error={organisations.error} />}
        </div>
      )}
      {problem.length > 0 && (
        <div role="alert" className="form-error">
          {problem.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <button type="submit" className="primary">
        Sign in
      </button>
    </form>
  );
}
