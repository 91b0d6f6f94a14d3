import { createPublicKey } from 'node:crypto';
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
import { KeySetUnavailableError } from './key-set-unavailable.error';
import { callerFromClaims } from './token-claims';
import { TokenRejectedError } from './token-rejected.error';

/** Clocks of the identity provider and of this service drift a little. */
const CLOCK_TOLERANCE_SECONDS = 5;

const ACCEPTED_ALGORITHMS = ['ES256', 'RS256'];

type Verify = (token: string, options: JWTVerifyOptions) => Promise<JWTVerifyResult>;

/** Turns a bearer token into a Caller, or says why it cannot. */
export class TokenVerifier {
  private constructor(
    private readonly verifySignature: Verify,
    private readonly options: JWTVerifyOptions,
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
    if (options.jwksUrl) {
      const getKey = remoteKeySet(options.jwksUrl);
      return new TokenVerifier((token, verifyOptions) => jwtVerify(token, getKey, verifyOptions), {
        ...common,
        algorithms: ACCEPTED_ALGORITHMS,
      });
    }
    const pem = options.publicKeyPem ?? '';
    const algorithm = algorithmOfPublicKey(pem);
    const key = await importSPKI(pem, algorithm);
    return new TokenVerifier((token, verifyOptions) => jwtVerify(token, key, verifyOptions), {
      ...common,
      // One key signs with one algorithm; anything else in the header is an attack or a mistake.
      algorithms: [algorithm],
    });
  }

  /** Throws TokenRejectedError for a bad token, KeySetUnavailableError if keys cannot be had. */
  async verify(token: string): Promise<Caller> {
    let claims: Readonly<Record<string, unknown>>;
    try {
      ({ payload: claims } = await this.verifySignature(token, this.options));
    } catch (error) {
      throw rejectionFor(error);
    }
    return callerFromClaims(claims);
  }
}

/** Lookup failures other than "no such key" are outages of the key set, not bad tokens. */
function remoteKeySet(jwksUrl: string): JWTVerifyGetKey {
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
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
      throw new KeySetUnavailableError(jwksUrl, error);
    }
  };
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
