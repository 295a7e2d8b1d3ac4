// An OpenID Connect provider on loopback for the tests: npm's oidc-provider with its development
// login form (any login, any password), which a test fills in as a person would.
//
//   node provider.mjs PORT CLIENT_ID CLIENT_SECRET REDIRECT_URI
//
// The login typed is the person: their `email` claim, and `sub` is "id-" and the login. A login
// starting with "unverified" has `email_verified: false`. Everyone is in the groups Everyone and
// Engineering (a `groups` claim, as Okta and Entra ID send one).
import Provider from 'oidc-provider';

const [port, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'given_name', 'family_name', 'groups'],
  },
  // The claims asked for by scope go into the ID token, so the relying party needs no userinfo call.
  conformIdTokenClaims: false,
  findAccount: async (ctx, login) => ({
    accountId: login,
    claims: async () => {
      const local = login.split('@')[0];
      const given = local.charAt(0).toUpperCase() + local.slice(1);
      return {
        sub: `id-${login}`,
        email: login,
        email_verified: !login.startsWith('unverified'),
        name: `${given} Provisioned`,
        given_name: given,
        family_name: 'Provisioned',
        groups: ['Everyone', 'Engineering'],
      };
    },
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['org-area-tests'] },
});
// oidc-provider warns about its development features and in-memory storage on every start.
provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(Number(port), '127.0.0.1', () => console.log('ready'));
