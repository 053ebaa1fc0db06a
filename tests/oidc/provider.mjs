// A real OpenID Connect provider for the login tests (the npm package oidc-provider, pinned in package-lock.json).
//
//   node tests/oidc/provider.mjs CONFIG.json
//
// CONFIG.json: {"client_id", "client_secret", "redirect_uri", "accounts": [{"email", "name"}]}.
// Listens on 127.0.0.1 at a free port and prints one line « READY http://127.0.0.1:PORT » (the issuer) when it
// answers. Sign-in is oidc-provider's development login form: the login is an account's e-mail (any password);
// an e-mail not in `accounts` is refused by the provider. Streamlit's prompt=select_account is read as prompt=login. Consent is granted at once (the app is the only client),
// and the ID token carries the e-mail and the name, as Google's and Microsoft's do (Streamlit reads st.user from it).
import fs from 'node:fs';
import crypto from 'node:crypto';
import http from 'node:http';

import Provider from 'oidc-provider';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const accounts = new Map(config.accounts.map((a) => [a.email.toLowerCase(), a]));

async function findAccount(ctx, id) {
  const account = accounts.get(String(id).trim().toLowerCase());
  if (!account) return undefined;
  return {
    accountId: account.email,
    async claims() {
      return { sub: account.email, email: account.email, email_verified: true, name: account.name };
    },
  };
}

// consent granted at once for every requested scope and claim (one trusted client, no consent page)
async function loadExistingGrant(ctx) {
  const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
  if (grantId) return ctx.oidc.provider.Grant.find(grantId);
  const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
  grant.addOIDCScope('openid email profile');
  grant.addOIDCClaims(['email', 'email_verified', 'name']);
  await grant.save();
  return grant;
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: config.client_id,
      client_secret: config.client_secret,
      redirect_uris: [config.redirect_uri],
      post_logout_redirect_uris: [config.redirect_uri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    findAccount,
    loadExistingGrant,
    cookies: { keys: [crypto.randomBytes(32).toString('hex')], names: { session: '_oidc_session', interaction: '_oidc_interaction', resume: '_oidc_resume' } },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  });
  provider.proxy = false;
  const callback = provider.callback();
  server.on('request', (req, res) => {
    // Streamlit asks prompt=select_account (as Google and Microsoft accept): here, the sign-in form
    if (req.url.startsWith('/auth?')) req.url = req.url.replace(/([?&]prompt=)select_account\b/, '$1login');
    callback(req, res);
  });
  process.stdout.write(`READY ${issuer}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
