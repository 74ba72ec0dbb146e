import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from './ports';

/**
 * A real OpenID Connect provider on loopback, as a county's identity platform would stand: one confidential client
 * (the county's registration of this system) using the authorization code flow with PKCE. Its own development
 * pages take any login name with any password, and the login name becomes the account's subject.
 */
export async function startOidcProvider(redirectUri: string) {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const client = { clientId: 'fengqiao-xh', clientSecret: 'a-secret-the-county-was-given-0123456789' };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    cookies: { keys: ['the-test-provider-cookie-key'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_context, subject) => ({ accountId: subject, claims: async () => ({ sub: subject }) }),
  });
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(port, '127.0.0.1', () => resolve(listening));
  });
  return { issuer, ...client, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
