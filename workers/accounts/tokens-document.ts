import * as v from 'valibot';
import { newTokenSchema, tokenLifetimes } from '../../schemas/api-tokens';
import { errorResponse, invalidResponse, jsonSchema, page } from '../document/openapi-parts';

const security = [{ bearer: [] }];
const tokenId = { name: 'tokenId', in: 'path', required: true, schema: { type: 'string' } };
const userId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const listed =
  'Each token with `id`, `name`, `createdBy`, `createdAt`, `expiresAt`, `lastUsedAt` (written at most once a minute), `revokedAt` and `state` ' +
  '(`active`, `expired` or `revoked`); never the token or its hash.';
const unauthenticated = { 401: errorResponse('No valid bearer token.') };
const adminOnly = { ...unauthenticated, 403: errorResponse('Admins only.') };

/** Personal access tokens: one's own through the API and the page, a user's through their admin. */
export function tokenPaths(): Record<string, unknown> {
  const [example] = v.getExamples(newTokenSchema);
  return {
    '/api/tokens': {
      get: { tags: ['users'], summary: 'Your own personal access tokens, newest first', security, responses: { 200: { description: listed }, ...unauthenticated } },
    },
    '/api/tokens/{tokenId}': {
      delete: {
        tags: ['users'],
        summary: 'Revoke one of your tokens, the one in use as well; it stops working at once (other edge instances within 30 s)',
        security,
        parameters: [tokenId],
        responses: { 200: { description: 'Revoked: the token with `revokedAt`.' }, ...unauthenticated, 404: errorResponse('You have no such token.') },
      },
    },
    '/api/users/{id}/tokens': {
      get: {
        tags: ['users'],
        summary: 'A user’s personal access tokens (admin)',
        security,
        parameters: [userId],
        responses: { 200: { description: listed }, ...adminOnly, 404: errorResponse('No such user within your jurisdiction.') },
      },
      post: {
        tags: ['users'],
        summary: `Make a token that signs in as the user, for an integration (admin); it ends after ${tokenLifetimes.join(', ')} days`,
        description: 'The token is answered this once, with `cache-control: no-store`; only its SHA-256 is kept. A token does not make tokens for its own user: those are made on the page.',
        security,
        parameters: [userId],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(newTokenSchema), example } } },
        responses: {
          201: { description: 'Made: the token’s record and the `token` itself, shown this once.' },
          ...adminOnly,
          404: errorResponse('No such user within your jurisdiction.'),
          422: invalidResponse,
        },
      },
    },
    '/api/users/{id}/tokens/{tokenId}': {
      delete: {
        tags: ['users'],
        summary: 'Revoke a user’s token (admin)',
        security,
        parameters: [userId, tokenId],
        responses: { 200: { description: 'Revoked: the token with `revokedAt`.' }, ...adminOnly, 404: errorResponse('No such token of a user within your jurisdiction.') },
      },
    },
    '/account/tokens': {
      get: { tags: ['pages'], summary: 'One’s own tokens for programs, and the form that makes one', responses: { 200: page('The tokens and the form.'), 303: { description: 'Not signed in: to the sign-in form.' } } },
      post: {
        tags: ['pages'],
        summary: 'Make a token: `name` and `expiresInDays`; the page shows it this once',
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: { name: { type: 'string' }, expiresInDays: { type: 'string', enum: tokenLifetimes.map(String) } } },
              example: { name: '网格通数据同步', expiresInDays: '90' },
            },
          },
        },
        responses: {
          201: page('Made: the token, shown this once, and the list.'),
          303: { description: 'Not signed in: to the sign-in form.' },
          403: page('Sent with a bearer token: a token is made by the person, signed in on the page.'),
          422: page('Refused, with the reason beside the field.'),
        },
      },
    },
    '/account/tokens/{tokenId}/revoke': {
      post: {
        tags: ['pages'],
        summary: 'Revoke one of one’s own tokens',
        parameters: [tokenId],
        responses: { 303: { description: 'Back to the list (or, not signed in, to the sign-in form).' } },
      },
    },
  };
}
