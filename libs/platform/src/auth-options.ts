import { readFileSync } from 'node:fs';
import { AuthOptions, ClaimMapping, DEFAULT_CLAIM_MAPPING, parseRoleMap } from '@concord/auth';
import { ConfigError } from './load-config';
import { ServiceConfig } from './service-config';

/**
 * The token rules of a service: an OpenID provider's issuer or a JWKS URL in production, a local
 * public key in development.
 */
export function authOptionsFrom(config: ServiceConfig): AuthOptions {
  const common = {
    audience: config.AUTH_AUDIENCE,
    jwksCooldownSeconds: config.AUTH_JWKS_COOLDOWN_SECONDS,
    claims: claimMappingFrom(config),
  };
  if (config.AUTH_OIDC_ISSUER) {
    if (config.AUTH_JWKS_URL) {
      throw new ConfigError([
        'AUTH_JWKS_URL: not together with AUTH_OIDC_ISSUER, whose metadata names the key set',
      ]);
    }
    return { ...common, issuer: config.AUTH_OIDC_ISSUER, oidcIssuer: config.AUTH_OIDC_ISSUER };
  }
  if (config.AUTH_JWKS_URL) {
    return { ...common, issuer: config.AUTH_ISSUER, jwksUrl: config.AUTH_JWKS_URL };
  }
  const file = config.AUTH_PUBLIC_KEY_FILE as string;
  try {
    return { ...common, issuer: config.AUTH_ISSUER, publicKeyPem: readFileSync(file, 'utf8') };
  } catch (error) {
    throw new ConfigError([
      `AUTH_PUBLIC_KEY_FILE: cannot read ${file} (${(error as Error).message}); run npm run token once to create the development key pair`,
    ]);
  }
}

function claimMappingFrom(config: ServiceConfig): ClaimMapping {
  const parsed = config.AUTH_ROLE_MAP ? parseRoleMap(config.AUTH_ROLE_MAP) : undefined;
  if (parsed && !parsed.ok) {
    // ServiceConfig validated it already; this only guards a hand-built config.
    throw new ConfigError([`AUTH_ROLE_MAP: ${parsed.error}`]);
  }
  return {
    roleClaim: config.AUTH_ROLE_CLAIM,
    orgClaim: config.AUTH_ORG_CLAIM,
    roleMap: parsed?.roleMap ?? DEFAULT_CLAIM_MAPPING.roleMap,
  };
}
