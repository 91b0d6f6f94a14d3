import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, mintToken, Role } from '@concord/auth';
import { ROOT } from './service-process';

/** A development token signed with the key pair the services under test trust. */
export function devToken(role: Role, organizationId?: string): Promise<string> {
  const privateKeyPem = readFileSync(resolve(ROOT, '.cache/dev-keys/dev-private.pem'), 'utf8');
  return mintToken(
    privateKeyPem,
    { subject: `test-${role}`, role, organizationId },
    { issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
  );
}
