import * as oauth from 'oauth4webapi';
import { IsolateCache } from './isolate-cache';

/**
 * Plain http only to a provider on this machine (a county's test install, the tests): anywhere else the provider's
 * answers cross a network and must come over TLS.
 */
export const onThisMachine = (issuer: URL) => issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
export const requestOptions = (issuer: URL) => ({ [oauth.allowInsecureRequests]: onThisMachine(issuer) });

/** A provider's metadata, read from its discovery document and kept for ten minutes. */
const servers = new IsolateCache<oauth.AuthorizationServer>(10 * 60_000, 100);

export function discoveredServer(issuer: string) {
  const url = new URL(issuer);
  return servers.get(issuer, async () => oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, { algorithm: 'oidc', ...requestOptions(url) })));
}
