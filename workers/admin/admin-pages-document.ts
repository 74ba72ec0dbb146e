import { userListQuerySchema } from '../../schemas/user-list';
import { newUserSchema } from '../../schemas/users';
import { page, queryParameters } from '../document/openapi-parts';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' }, 403: page('Not an admin.') };
const id = [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }];
const fields = (names: readonly string[]) => ({
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: Object.fromEntries([...names, 'lang'].map((name) => [name, { type: 'string' }])) } } },
});
const personFields = Object.keys(newUserSchema.entries);
const action = (summary: string, done: string, refused?: string) => ({
  post: {
    tags: ['pages'],
    summary,
    parameters: id,
    requestBody: fields([]),
    responses: {
      303: { description: `${done}: back to the user’s page, saying so. Not signed in: on to /login.` },
      404: page('No such user within your jurisdiction.'),
      403: page('Not an admin.'),
      ...(refused ? { 409: page(refused) } : {}),
    },
  },
});

/** The admin's pages for the people they keep, over the services of /api/users. A session, not a token. */
export function adminPagePaths(): Record<string, unknown> {
  return {
    '/admin/users': {
      get: {
        tags: ['pages'],
        summary: 'The people an admin keeps: search by name, user name or phone; filter by role, place (and below) and account state',
        parameters: queryParameters(userListQuerySchema),
        responses: { 200: page('The list.'), 422: page('The list’s form with an error summary.'), ...signedIn },
      },
      post: {
        tags: ['pages'],
        summary: 'Create a user (the same service as POST /api/users), answered with their one-time code, shown this once',
        requestBody: fields(personFields),
        responses: {
          201: page('The one-time code, `cache-control: no-store`, with how the person signs in with it and when it expires.'),
          409: page('The user name is taken: the form again, as typed.'),
          422: page('The form again, as typed, with an error summary and each error beside its field.'),
          ...signedIn,
        },
      },
    },
    '/admin/users/new': { get: { tags: ['pages'], summary: 'The form for a new user', responses: { 200: page('The form.'), ...signedIn } } },
    '/admin/users/{id}': {
      get: {
        tags: ['pages'],
        summary: 'One user: who they are, their account’s state, and a form for each thing to do',
        parameters: [...id, { name: 'done', in: 'query', required: false, schema: { type: 'string' }, description: 'What the last action did, said once.' }],
        responses: { 200: page('The user.'), 404: page('No such user within your jurisdiction.'), ...signedIn },
      },
      post: {
        tags: ['pages'],
        summary: 'Change the name, role, place or department (the same service as PATCH /api/users/{id})',
        parameters: id,
        requestBody: fields(personFields.filter((name) => name !== 'id')),
        responses: {
          303: { description: 'Saved, or nothing to change: back to the user’s page. Not signed in: on to /login.' },
          409: page('Refused: an admin’s own role is not theirs to give up.'),
          422: page('The page again with the form as typed and its errors.'),
          404: page('No such user within your jurisdiction.'),
          403: page('Not an admin.'),
        },
      },
    },
    '/admin/users/{id}/one-time-code': {
      post: {
        tags: ['pages'],
        summary: 'Issue a one-time code (a new account, or a forgotten password): the old password stops working',
        parameters: id,
        requestBody: fields([]),
        responses: { 200: page('The code, `cache-control: no-store`, shown this once.'), 404: page('No such user within your jurisdiction.'), ...signedIn },
      },
    },
    '/admin/users/{id}/unlock': action('Unlock an account locked after wrong passwords', 'Unlocked'),
    '/admin/users/{id}/disable': action('Disable a user: their sessions and tokens stop working', 'Disabled', 'Refused: an admin cannot disable their own account.'),
    '/admin/users/{id}/enable': action('Enable a disabled user again', 'Enabled'),
    '/admin/users/{id}/tokens': {
      post: {
        tags: ['pages'],
        summary: 'Make a token that signs in as the user, for an integration: `name` and `expiresInDays`',
        parameters: id,
        requestBody: fields(['name', 'expiresInDays']),
        responses: {
          201: page('The user’s page with the token, `cache-control: no-store`, shown this once.'),
          404: page('No such user within your jurisdiction.'),
          422: page('Refused, with the reason beside the field.'),
          ...signedIn,
        },
      },
    },
    '/admin/users/{id}/tokens/{tokenId}/revoke': {
      post: {
        ...action('Revoke one of the user’s tokens: it stops working at once', 'Revoked').post,
        parameters: [...id, { name: 'tokenId', in: 'path', required: true, schema: { type: 'string' } }],
      },
    },
  };
}
