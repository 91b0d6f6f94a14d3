import { createPublicKey } from 'node:crypto';
import { Logger } from '@nestjs/common';
import {
  createRemoteJWKSet,
  errors,
  importSPKI,
  JWTVerifyGetKey,
  jwtVerify,
  JWTVerifyOptions,
  JWTVerifyResult,
} from 'jose';
import { AuthOptions } from './auth.options';
import { Caller } from './caller';
import { ClaimMapping, DEFAULT_CLAIM_MAPPING } from './claim-mapping';
import { KeySetUnavailableError } from './key-set-unavailable.error';
import { discoverProvider, discoveryUrl } from './oidc-discovery';
import { callerFromClaims } from './token-claims';
import { TokenRejectedError } from './token-rejected.error';
import { VerifiedTokens } from './verified-tokens';

/** Clocks of the identity provider and of this service drift a little. */
const CLOCK_TOLERANCE_SECONDS = 5;

const ACCEPTED_ALGORITHMS = ['ES256', 'RS256'];

/** jose's own default: a token naming an unknown key refetches the set at most this often. */
const DEFAULT_JWKS_COOLDOWN_SECONDS = 30;

type Verify = (token: string, options: JWTVerifyOptions) => Promise<JWTVerifyResult>;

/**
 * Turns a bearer token into a Caller, or says why it cannot. A token it verified once it knows
 * until the token expires: the signature is checked once per token, not per request.
 */
export class TokenVerifier {
  private readonly verified = new VerifiedTokens();

  private constructor(
    private readonly verifySignature: Verify,
    private readonly options: JWTVerifyOptions,
    private readonly claims: ClaimMapping,
  ) {}

  /** Expects options that passed assertValidAuthOptions. */
  static async create(options: AuthOptions): Promise<TokenVerifier> {
    const common = {
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      // A token without an expiry would authenticate forever.
      requiredClaims: ['exp', 'sub'],
    };
    const claims = options.claims ?? DEFAULT_CLAIM_MAPPING;
    const cooldownMs = (options.jwksCooldownSeconds ?? DEFAULT_JWKS_COOLDOWN_SECONDS) * 1000;
    const remote = options.oidcIssuer
      ? discoveredKeySet(options.oidcIssuer, cooldownMs)
      : options.jwksUrl
        ? remoteKeySet(new URL(options.jwksUrl), cooldownMs)
        : undefined;
    if (remote) {
      return new TokenVerifier(
        (token, verifyOptions) => jwtVerify(token, remote, verifyOptions),
        { ...common, algorithms: ACCEPTED_ALGORITHMS },
        claims,
      );
    }
    const pem = options.publicKeyPem ?? '';
    const algorithm = algorithmOfPublicKey(pem);
    const key = await importSPKI(pem, algorithm);
    return new TokenVerifier(
      (token, verifyOptions) => jwtVerify(token, key, verifyOptions),
      {
        ...common,
        // One key signs with one algorithm; anything else in the header is an attack or a mistake.
        algorithms: [algorithm],
      },
      claims,
    );
  }

  /** Throws TokenRejectedError for a bad token, KeySetUnavailableError if keys cannot be had. */
  async verify(token: string): Promise<Caller> {
    const known = this.verified.get(token);
    if (known) return known;
    let claims: Readonly<Record<string, unknown>>;
    try {
      ({ payload: claims } = await this.verifySignature(token, this.options));
    } catch (error) {
      throw rejectionFor(error);
    }
    const caller = callerFromClaims(claims, this.claims);
    // requiredClaims makes `exp` present, and jose that it is a number in the future.
    this.verified.remember(token, caller, claims.exp as number);
    return caller;
  }
}

/** Lookup failures other than "no such key" are outages of the key set, not bad tokens. */
function remoteKeySet(jwksUrl: URL, cooldownMs: number): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(jwksUrl, { cooldownDuration: cooldownMs });
  return async (header, token) => {
    try {
      return await jwks(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys
      ) {
        throw error;
      }
      throw new KeySetUnavailableError(`the JSON Web Key Set at ${jwksUrl.href}`, error);
    }
  };
}

/**
 * The key set an OpenID provider's metadata names. Discovery starts at once but a failure is not
 * fatal: it is tried again by the next token, which meanwhile gets KeySetUnavailableError (503),
 * so a provider that is briefly down does not stop the service from starting.
 */
function discoveredKeySet(issuer: string, cooldownMs: number): JWTVerifyGetKey {
  const logger = new Logger(TokenVerifier.name);
  let pending: Promise<JWTVerifyGetKey> | undefined;
  const keySet = (): Promise<JWTVerifyGetKey> => {
    if (pending === undefined) {
      const attempt = discoverProvider(issuer).then(
        ({ jwksUri }) => remoteKeySet(jwksUri, cooldownMs),
        (error: unknown) => {
          if (pending === attempt) pending = undefined;
          throw new KeySetUnavailableError(
            `the OpenID provider metadata at ${discoveryUrl(issuer).href}`,
            error,
          );
        },
      );
      pending = attempt;
    }
    return pending;
  };
  keySet().catch((error: KeySetUnavailableError) => {
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause);
    logger.warn(`${error.message} (${cause}); trying again on the next token`);
  });
  return async (header, token) => (await keySet())(header, token);
}

function algorithmOfPublicKey(pem: string): 'ES256' | 'RS256' {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ES256';
  }
  if (key.asymmetricKeyType === 'rsa') {
    return 'RS256';
  }
  throw new Error('publicKeyPem must be a P-256 (ES256) or RSA (RS256) public key');
}

function rejectionFor(error: unknown): Error {
  if (error instanceof errors.JWTExpired) {
    return new TokenRejectedError('token expired');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRejectedError('token signature invalid');
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new TokenRejectedError('token signing key is not in the key set');
  }
  if (error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRejectedError('token does not name its signing key (kid) unambiguously');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new TokenRejectedError('token algorithm is not accepted');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new TokenRejectedError(claimRejection(error.claim, error.reason));
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return new TokenRejectedError('token is malformed');
  }
  return error instanceof Error ? error : new Error(String(error));
}

function claimRejection(claim: string, reason: string): string {
  if (reason === 'missing') return `token claim ${claim} is missing`;
  switch (claim) {
    case 'iss':
      return 'token issuer is not accepted';
    case 'aud':
      return 'token audience is not accepted';
    case 'nbf':
      return 'token is not yet valid';
    default:
      return `token claim ${claim} is invalid`;
  }
}
