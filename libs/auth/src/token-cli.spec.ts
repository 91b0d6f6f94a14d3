import { parseTokenArgs } from './token-cli';

const ORG = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const DEV = { NODE_ENV: 'development' };

describe('parseTokenArgs', () => {
  it('a partner with an organisation gets a token command with defaults', () => {
    expect(parseTokenArgs(['--role', 'partner', '--org', ORG], DEV)).toEqual({
      ok: true,
      command: {
        caller: { subject: 'dev-partner', role: 'partner', organizationId: ORG },
        expiresIn: '8h',
      },
    });
  });

  it('--flag=value and --flag value read the same', () => {
    expect(parseTokenArgs(['--role=admin', '--sub=ops', '--expires=30m'], {})).toEqual(
      parseTokenArgs(['--role', 'admin', '--sub', 'ops', '--expires', '30m'], {}),
    );
  });

  it('an unknown role is refused with the list of roles', () => {
    expect(parseTokenArgs(['--role', 'root'], DEV)).toEqual({
      ok: false,
      error: 'unknown role root; roles: dispatcher, partner, admin, auditor',
    });
  });

  it.each(['partner', 'dispatcher'])('a %s without --org is refused', (role) => {
    expect(parseTokenArgs(['--role', role], DEV)).toEqual({
      ok: false,
      error: `--org <uuid> is required for role ${role}`,
    });
  });

  it('an --org that is not a UUID is refused', () => {
    expect(parseTokenArgs(['--role', 'partner', '--org', 'acme'], DEV)).toMatchObject({
      ok: false,
      error: '--org must be a UUID, got acme',
    });
  });

  it('an admin or auditor needs no organisation', () => {
    expect(parseTokenArgs(['--role', 'auditor'], DEV)).toMatchObject({ ok: true });
  });

  it('the command refuses to run in production', () => {
    expect(parseTokenArgs(['--role', 'admin'], { NODE_ENV: 'production' })).toEqual({
      ok: false,
      error:
        'the development token command is disabled in production (NODE_ENV=production): services there trust your identity provider (AUTH_OIDC_ISSUER), not the development key',
    });
  });

  it.each([
    [['--role'], '--role needs a value'],
    [['--org', ORG], '--role is required'],
    [['--role', 'admin', '--scope', 'x'], 'unknown argument --scope'],
    [['--role', 'admin', '--expires', 'forever'], '--expires must be a duration'],
  ])('malformed arguments %j are refused', (argv, error) => {
    const result = parseTokenArgs(argv, DEV);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(error);
  });
});
