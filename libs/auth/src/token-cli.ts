import { Caller } from './caller';
import { isRole, ORGANIZATION_ROLES, ROLES } from './role';
import { isUuid } from './uuid.util';

export const TOKEN_USAGE =
  'usage: npm run token -- --role <role> [--org <uuid>] [--sub <name>] [--expires <duration>]\n' +
  `  --role     one of ${ROLES.join(', ')}\n` +
  `  --org      organisation id (UUID); required for ${ORGANIZATION_ROLES.join(' and ')}\n` +
  '  --sub      subject of the token (default: dev-<role>)\n' +
  '  --expires  lifetime such as 30m, 8h or 7d (default: 8h)';

export interface TokenCommand {
  readonly caller: Caller;
  readonly expiresIn: string;
}

export type TokenArgsResult =
  | { readonly ok: true; readonly command: TokenCommand }
  | { readonly ok: false; readonly error: string };

const FLAGS = ['--role', '--org', '--sub', '--expires'] as const;
type Flag = (typeof FLAGS)[number];

/** Reads `--flag value` / `--flag=value` arguments of the dev token command; never throws. */
export function parseTokenArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): TokenArgsResult {
  if (env.NODE_ENV === 'production') {
    return fail(
      'the development token command is disabled in production (NODE_ENV=production): services there trust your identity provider (AUTH_OIDC_ISSUER), not the development key',
    );
  }
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = splitFlag(argv[i]);
    if (!isFlag(name)) return fail(`unknown argument ${argv[i]}\n${TOKEN_USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) {
      return fail(`${name} needs a value\n${TOKEN_USAGE}`);
    }
    values.set(name, value);
  }

  const role = values.get('--role');
  if (role === undefined) return fail(`--role is required\n${TOKEN_USAGE}`);
  if (!isRole(role)) return fail(`unknown role ${role}; roles: ${ROLES.join(', ')}`);
  const organizationId = values.get('--org');
  if (organizationId === undefined && ORGANIZATION_ROLES.includes(role)) {
    return fail(`--org <uuid> is required for role ${role}`);
  }
  if (organizationId !== undefined && !isUuid(organizationId)) {
    return fail(`--org must be a UUID, got ${organizationId}`);
  }
  const expiresIn = values.get('--expires') ?? '8h';
  if (!/^\d+[smhdw]$/.test(expiresIn)) {
    return fail(`--expires must be a duration such as 30m, 8h or 7d, got ${expiresIn}`);
  }
  const subject = values.get('--sub') ?? `dev-${role}`;
  return {
    ok: true,
    command: {
      caller: organizationId === undefined ? { subject, role } : { subject, role, organizationId },
      expiresIn,
    },
  };
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

function isFlag(name: string): name is Flag {
  return (FLAGS as readonly string[]).includes(name);
}

function fail(error: string): TokenArgsResult {
  return { ok: false, error };
}
