/** Exactly one of `jwksUrl` (production) and `publicKeyPem` (development) is set. */
export interface AuthOptions {
  /** Expected `iss` claim. */
  readonly issuer: string;
  /** Expected `aud` claim (the token must list it). */
  readonly audience: string;
  /** The identity provider's JSON Web Key Set; keys are fetched on demand and cached. */
  readonly jwksUrl?: string;
  /** A single SPKI PEM public key (ES256 on P-256, or RS256), e.g. from ensureDevKeyPair. */
  readonly publicKeyPem?: string;
}
