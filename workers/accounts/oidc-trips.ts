import * as oauth from 'oauth4webapi';
import type { Database } from '../../db/client';
import { findProvider, insertTrip, takeTrip, type SignInProvider } from '../../db/queries/sign-in-providers';
import { discoveredServer, requestOptions } from '../runtime/oidc-discovery';
import { unseal } from '../runtime/sealed';

/** How long a person may take at the provider before the trip is void. */
const tripMs = 10 * 60_000;

export const callbackPath = '/login/sso/callback';

export type TripPurpose = { kind: 'sign_in'; next?: string } | { kind: 'link'; userId: string };

/**
 * Begins a trip to the provider: the authorization request (code flow with PKCE, a state and a nonce) and the state,
 * which the caller also keeps in the browser so the answer is taken only by the browser that left.
 */
export async function startTrip(db: Database, provider: SignInProvider, origin: string, purpose: TripPurpose, now = new Date()) {
  const server = await discoveredServer(provider.issuer);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  await insertTrip(db, {
    state,
    providerId: provider.id,
    codeVerifier,
    nonce,
    purpose: purpose.kind,
    userId: purpose.kind === 'link' ? purpose.userId : null,
    next: purpose.kind === 'sign_in' ? (purpose.next ?? null) : null,
    expiresAt: new Date(now.getTime() + tripMs).toISOString(),
  }, now.toISOString());
  const url = new URL(server.authorization_endpoint!);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: `${origin}${callbackPath}`,
    response_type: 'code',
    scope: 'openid',
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).toString();
  return { location: url.toString(), state };
}

export type TripEnd =
  | { kind: 'done'; providerId: string; subject: string; purpose: 'sign_in' | 'link'; userId: string | null; next: string | null }
  /** No trip under that state (expired, used, or from another browser), or the provider said no. */
  | { kind: 'void' }
  | { kind: 'refused'; error: string };

/** Ends a trip: the answer checked against the trip's state, the code exchanged with PKCE, the ID token's nonce checked. */
export async function finishTrip(db: Database, callbackUrl: URL, browserState: string | undefined, secret: string, now = new Date()): Promise<TripEnd> {
  const state = callbackUrl.searchParams.get('state');
  if (!state || state !== browserState) return { kind: 'void' };
  const trip = await takeTrip(db, state, now.toISOString());
  const provider = trip && (await findProvider(db, trip.providerId));
  if (!trip || !provider || provider.disabledAt) return { kind: 'void' };
  const server = await discoveredServer(provider.issuer);
  const client = { client_id: provider.clientId };
  const issuer = new URL(provider.issuer);
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(server, client, callbackUrl, state);
  } catch (error) {
    return { kind: 'refused', error: error instanceof oauth.AuthorizationResponseError ? error.error : 'invalid_response' };
  }
  const auth = oauth.ClientSecretBasic(await unseal(provider.clientSecretSealed, secret));
  const redirectUri = `${callbackUrl.origin}${callbackPath}`;
  const response = await oauth.authorizationCodeGrantRequest(server, client, auth, params, redirectUri, trip.codeVerifier, requestOptions(issuer));
  const result = await oauth.processAuthorizationCodeResponse(server, client, response, { expectedNonce: trip.nonce, requireIdToken: true });
  const claims = oauth.getValidatedIdTokenClaims(result)!;
  return { kind: 'done', providerId: provider.id, subject: claims.sub, purpose: trip.purpose, userId: trip.userId, next: trip.next };
}

/** Where the providers' sign-in pages are: the origins of their authorization endpoints (their issuers, unread). */
export async function providerOrigins(db: Database, providers: readonly { id: string }[]) {
  const origins = await Promise.all(
    providers.map(async ({ id }) => {
      const provider = await findProvider(db, id);
      if (!provider) return [];
      try {
        const server = await discoveredServer(provider.issuer);
        return [new URL(server.authorization_endpoint!).origin];
      } catch {
        return [new URL(provider.issuer).origin];
      }
    }),
  );
  return [...new Set(origins.flat())];
}
