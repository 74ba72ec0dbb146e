import { page } from '../document/openapi-parts';

const providerId = { name: 'providerId', in: 'path', required: true, schema: { type: 'string' } };
const langOnly = { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { lang: { type: 'string' } } } } } };

/** Single sign-on with a county's identity provider (OpenID Connect, code flow with PKCE), and its setting up. */
export function ssoPaths(): Record<string, unknown> {
  return {
    '/login/sso/callback': {
      get: {
        tags: ['pages'],
        summary: 'Where the identity provider sends the person back: the answer is taken once, by the browser that left',
        parameters: ['code', 'state', 'error'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
        responses: {
          303: { description: 'Signed in, on to `next` or the home of their role; or, linking, back to /account/password with `sso=linked` or `sso=taken`.' },
          401: page('Nobody signed in: an account nobody linked, a refusal at the provider, or an answer that is expired, used or from another browser.'),
          502: page('The provider could not be reached, or its answer did not hold.'),
        },
      },
    },
    '/login/sso/{providerId}': {
      get: {
        tags: ['pages'],
        summary: 'Leave for the county’s identity provider to sign in there (`next`: where to go after)',
        parameters: [providerId, { name: 'next', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { 302: { description: 'To the provider’s sign-in page.' }, 404: page('No such provider in service.') },
      },
    },
    '/account/sso/{providerId}/link': {
      post: {
        tags: ['pages'],
        summary: 'Link one’s account at the provider: leave for it, and come back linked (a person signed in on the page only)',
        parameters: [providerId],
        requestBody: langOnly,
        responses: { 302: { description: 'To the provider’s sign-in page.' }, 303: { description: 'Not signed in: to the sign-in form.' }, 403: page('Sent with a bearer token.'), 404: page('No such provider in service.') },
      },
    },
    '/account/sso/{providerId}/unlink': {
      post: {
        tags: ['pages'],
        summary: 'Unlink one’s account at the provider',
        parameters: [providerId],
        requestBody: langOnly,
        responses: { 303: { description: 'Back to /account/password with `sso=unlinked`, or not signed in: to the sign-in form.' }, 403: page('Sent with a bearer token.') },
      },
    },
    '/admin/sign-in': {
      get: { tags: ['pages'], summary: 'The county’s identity provider, as its admin set it up (county admins only)', responses: { 200: page('The form, with the callback address to register.'), 303: { description: 'Not signed in.' }, 403: page('Not the county’s admin.') } },
      post: {
        tags: ['pages'],
        summary: 'Set up the county’s identity provider: `name`, `issuer`, `clientId`, `clientSecret` (empty keeps the saved one), `inService`',
        description: 'The provider’s discovery document is read before anything is saved; the secret is sealed with the deployment’s key and never shown again.',
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: Object.fromEntries(['name', 'issuer', 'clientId', 'clientSecret', 'inService', 'lang'].map((name) => [name, { type: 'string' }])) },
            },
          },
        },
        responses: { 303: { description: 'Saved: back to the form, saying so.' }, 403: page('Not the county’s admin.'), 422: page('Refused, with the reason beside the field.') },
      },
    },
  };
}
