import { page } from '../document/openapi-parts';

/** Signing in with an access token and out again: the session every page reads. */
export function sessionPaths(): Record<string, unknown> {
  return {
    '/login': {
      get: { tags: ['pages'], summary: 'Sign in with an access token', responses: { 200: page('The sign-in form.') } },
      post: {
        tags: ['pages'],
        summary: 'Start a session',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' }, next: { type: 'string' } } }, example: { token: 'your-token', next: '/intake/grid' } } } },
        responses: { 303: { description: 'Signed in: on to `next`.' }, 401: page('Unknown token.') },
      },
    },
    '/logout': { post: { tags: ['pages'], summary: 'End the session', responses: { 303: { description: 'Signed out.' } } } },
  };
}
