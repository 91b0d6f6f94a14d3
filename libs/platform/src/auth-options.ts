import { readFileSync } from 'node:fs';
import { AuthOptions } from '@concord/auth';
import { ConfigError } from './load-config';
import { ServiceConfig } from './service-config';

/** The token rules of a service: a JWKS URL in production, a local public key in development. */
export function authOptionsFrom(config: ServiceConfig): AuthOptions {
  const common = { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE };
  if (config.AUTH_JWKS_URL) {
    return { ...common, jwksUrl: config.AUTH_JWKS_URL };
  }
  const file = config.AUTH_PUBLIC_KEY_FILE as string;
  try {
    return { ...common, publicKeyPem: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new ConfigError([
      `AUTH_PUBLIC_KEY_FILE: cannot read ${file} (${(error as Error).message}); run npm run token once to create the development key pair`,
    ]);
  }
}
