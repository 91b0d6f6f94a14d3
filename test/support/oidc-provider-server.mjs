// A real OpenID provider (the OpenID-certified oidc-provider package) for tests, run as a child
// process because oidc-provider is ESM-only. Everything it knows comes from OIDC_SETTINGS (JSON):
//   port      loopback port; the issuer is http://127.0.0.1:<port>
//   keys      private JWKs (ES256, with kid); the first signs, all are published at /jwks
//   clients   client metadata; `claims` on a client are put into its client-credentials tokens
//   accounts  account id -> claims put into that person's access tokens
// Resource indicators `urn:<name>` give JWT access tokens with audience `<name>`. People log in
// through /interaction/<uid>, which logs in the account named by `login_hint` (or the only one)
// and grants what was asked, without a form: tests drive the authorization-code flow by fetch.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.env.OIDC_SETTINGS ?? '{}');
const issuer = `http://127.0.0.1:${settings.port}`;
const clientClaims = new Map();
const clients = settings.clients.map(({ claims, ...metadata }) => {
  clientClaims.set(metadata.client_id, claims ?? {});
  return metadata;
});
const accounts = settings.accounts ?? {};
const RESOURCE_SCOPE = 'api';

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: settings.keys },
  cookies: { keys: ['test-only-cookie-key'] },
  clientDefaults: { id_token_signed_response_alg: 'ES256' },
  findAccount: async (_ctx, sub) =>
    accounts[sub] ? { accountId: sub, claims: async () => ({ sub }) } : undefined,
  extraTokenClaims: async (_ctx, token) =>
    token.kind === 'ClientCredentials'
      ? clientClaims.get(token.clientId)
      : accounts[token.accountId],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (_ctx, indicator) => {
        if (!indicator.startsWith('urn:')) throw new Provider.errors.InvalidTarget();
        return {
          scope: RESOURCE_SCOPE,
          audience: indicator.slice('urn:'.length),
          accessTokenFormat: 'jwt',
          accessTokenTTL: 600,
          jwt: { sign: { alg: 'ES256' } },
        };
      },
    },
  },
});

/** Logs in the test account and grants what the client asked for: no form, no person. */
async function interact(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    const hinted = details.params.login_hint;
    const accountId = hinted ?? Object.keys(accounts)[0];
    await provider.interactionFinished(req, res, { login: { accountId } });
    return;
  }
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({
        accountId: details.session.accountId,
        clientId: details.params.client_id,
      });
  const { missingOIDCScope, missingResourceScopes } = details.prompt.details;
  if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { consent: { grantId } });
}

const callback = provider.callback();
const server = createServer((req, res) => {
  if (req.url?.startsWith('/interaction/')) {
    interact(req, res).catch((error) => {
      console.error(error);
      res.statusCode = 500;
      res.end(String(error));
    });
    return;
  }
  callback(req, res);
});
server.listen(settings.port, '127.0.0.1', () => console.log(`oidc-provider ready at ${issuer}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
