import { page } from '../document/openapi-parts';

const form = (properties: Record<string, unknown>, example: Record<string, string>) => ({
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties }, example } },
});

/** Signing in with a password, a one-time code or an access token, and out again; one's own password. */
export function sessionPaths(): Record<string, unknown> {
  return {
    '/login': {
      get: { tags: ['pages'], summary: 'Sign in with a user name (or mobile number) and a password', responses: { 200: page('The sign-in form.') } },
      post: {
        tags: ['pages'],
        summary: 'Start a session: `login` and `password` (or, before a password is set, the one-time code), or an access `token`',
        requestBody: form(
          { login: { type: 'string' }, password: { type: 'string' }, token: { type: 'string' }, next: { type: 'string' } },
          { login: 'mediator-ly-sun', password: 'a pass phrase', next: '/queue' },
        ),
        responses: {
          303: { description: 'Signed in: on to `next`, or, with a one-time code, to set a password.' },
          401: page('Unknown user name, wrong password or token.'),
          403: page('The account is locked after too many wrong passwords, until an admin unlocks it.'),
          429: page('Too many failed attempts from this address, or wrong passwords for this account: wait as `Retry-After` says.'),
        },
      },
    },
    '/logout': { post: { tags: ['pages'], summary: 'End the session, or with `everywhere=1` every session of the user', responses: { 303: { description: 'Signed out.' } } } },
    '/account/password': {
      get: { tags: ['pages'], summary: 'Set or change one’s own password', responses: { 200: page('The password form.'), 303: { description: 'Not signed in: to the sign-in form.' } } },
      post: {
        tags: ['pages'],
        summary: 'Save a new password; every other session of the user ends',
        requestBody: form({ current: { type: 'string' }, password: { type: 'string' }, repeat: { type: 'string' } }, { current: 'a pass phrase', password: 'a new pass phrase', repeat: 'a new pass phrase' }),
        responses: { 303: { description: 'Saved: on to the user’s home; or not signed in: to the sign-in form.' }, 422: page('Refused, with the reason.') },
      },
    },
  };
}
