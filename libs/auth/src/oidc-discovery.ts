/** What a service takes from its OpenID provider's metadata (OpenID Connect Discovery 1.0 §3). */
export interface ProviderMetadata {
  readonly issuer: string;
  readonly jwksUri: URL;
  /** Where a browser signs in (the authorization code flow); absent for a machine-only provider. */
  readonly authorizationEndpoint?: URL;
  readonly tokenEndpoint?: URL;
  /** RP-initiated logout, if the provider offers it. */
  readonly endSessionEndpoint?: URL;
}

const httpUrl = (value: unknown): URL | undefined => {
  const parsed = typeof value === 'string' ? URL.parse(value) : null;
  return parsed !== null && ['http:', 'https:'].includes(parsed.protocol) ? parsed : undefined;
};

const DISCOVERY_TIMEOUT_MS = 5_000;

/** `<issuer>/.well-known/openid-configuration`, as OpenID Connect Discovery 1.0 §4 builds it. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/**
 * Fetches the provider's metadata and checks it: its `issuer` must be exactly the configured one
 * (§4.3, so that a misdirected or spoofed document cannot name another key set), and `jwks_uri`
 * an http(s) URL. Throws an Error saying what is wrong.
 */
export async function discoverProvider(issuer: string): Promise<ProviderMetadata> {
  const url = discoveryUrl(issuer);
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS),
  });
  if (!response.ok) {
    throw new Error(`${url.href} answered ${response.status}`);
  }
  const metadata = (await response.json()) as unknown;
  if (metadata === null || typeof metadata !== 'object') {
    throw new Error(`${url.href} is not a JSON object`);
  }
  const fields = metadata as Record<string, unknown>;
  const { issuer: named, jwks_uri: jwksUri } = fields;
  if (named !== issuer) {
    throw new Error(
      `${url.href} names issuer ${JSON.stringify(named)}, not the configured ${issuer}`,
    );
  }
  const parsed = httpUrl(jwksUri);
  if (parsed === undefined) {
    throw new Error(`${url.href} has no http(s) jwks_uri (got ${JSON.stringify(jwksUri)})`);
  }
  return {
    issuer,
    jwksUri: parsed,
    authorizationEndpoint: httpUrl(fields.authorization_endpoint),
    tokenEndpoint: httpUrl(fields.token_endpoint),
    endSessionEndpoint: httpUrl(fields.end_session_endpoint),
  };
}
