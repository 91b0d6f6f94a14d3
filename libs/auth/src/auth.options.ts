import { ClaimMapping } from './claim-mapping';

/**
 * Exactly one source of keys is set: `oidcIssuer` or `jwksUrl` (production), or `publicKeyPem`
 * (development).
 */
export interface AuthOptions {
  /** Expected `iss` claim. With `oidcIssuer`, the two must be equal. */
  readonly issuer: string;
  /** Expected `aud` claim (the token must list it). */
  readonly audience: string;
  /**
   * An OpenID provider's issuer URL: its metadata (`/.well-known/openid-configuration`) names the
   * JWKS. Discovered on first need, and again after a failure, so a provider that is down at
   * start-up only delays the first token (503 meanwhile).
   */
  readonly oidcIssuer?: string;
  /** The identity provider's JSON Web Key Set; keys are fetched on demand and cached. */
  readonly jwksUrl?: string;
  /** A single SPKI PEM public key (ES256 on P-256, or RS256), e.g. from ensureDevKeyPair. */
  readonly publicKeyPem?: string;
  /**
   * A token naming an unknown `kid` makes a remote key set be fetched again (key rotation), but
   * not more often than this (jose's cooldownDuration; default 30 s).
   */
  readonly jwksCooldownSeconds?: number;
  /** Where the role and organisation are in the token; DEFAULT_CLAIM_MAPPING (`role`, `org`). */
  readonly claims?: ClaimMapping;
}
