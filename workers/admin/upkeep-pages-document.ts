import { policyFieldPaths } from '../i18n/admin-policy.zh-CN';
import { page } from '../document/openapi-parts';
import { returnVisitBoxes } from './policy-form';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' }, 403: page('Not an admin.') };
const policyForm = {
  content: {
    'application/x-www-form-urlencoded': {
      schema: {
        type: 'object',
        description: 'The fields of POST /api/policy by their dot paths; `returnVisitsAfter.0` to `.5` each one visit, an empty one left out.',
        properties: Object.fromEntries(
          ['lang', 'version', ...policyFieldPaths.filter((path) => path !== 'returnVisitsAfter'), ...Array.from({ length: returnVisitBoxes }, (_, index) => `returnVisitsAfter.${index}`)].map(
            (name) => [name, { type: 'string' }],
          ),
        ),
      },
    },
  },
};

/** The admin's pages for the SLA policy and the dead letters, over the services of /api/policy and /api/dead-letters. */
export function upkeepPagePaths(): Record<string, unknown> {
  return {
    '/admin/policy': {
      get: {
        tags: ['pages'],
        summary: 'The SLA policy in force as a form, with the versions published before it',
        parameters: [
          { name: 'published', in: 'query', required: false, schema: { type: 'integer' }, description: 'The version just published, said once.' },
          { name: 'cases', in: 'query', required: false, schema: { type: 'integer' }, description: 'How many running cases were told of it.' },
        ],
        responses: { 200: page('The policy.'), ...signedIn },
      },
      post: {
        tags: ['pages'],
        summary: 'Publish the form as a new version (the same service as POST /api/policy)',
        requestBody: policyForm,
        responses: {
          303: { description: 'Published: back to the policy page, saying so. Not signed in: on to /login.' },
          409: page('Another version was published meanwhile: the form again, as typed.'),
          422: page('The form again, as typed, with an error summary and each error beside its field.'),
          403: page('Not an admin.'),
        },
      },
    },
    '/admin/policy/preview': {
      post: {
        tags: ['pages'],
        summary: 'The deadlines the form’s policy would give a case filed now and one filed at 22:00 today, beside those of the policy in force; nothing saved',
        requestBody: policyForm,
        responses: { 200: page('The page with the preview and the form as typed.'), 422: page('The form again, as typed, with its errors.'), ...signedIn },
      },
    },
    '/admin/policy/versions/{version}': {
      get: {
        tags: ['pages'],
        summary: 'One published version of the SLA policy: who published it, when, and every field',
        parameters: [{ name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        responses: { 200: page('The version.'), 404: page('No such version.'), ...signedIn },
      },
    },
    '/admin/dead-letters': {
      get: {
        tags: ['pages'],
        summary: 'The dead letters of your jurisdiction: what each was for, the case or batch, why it stopped, tries and times',
        parameters: [
          { name: 'sent', in: 'query', required: false, schema: { type: 'integer' }, description: 'The letter just sent again, said once.' },
          { name: 'outcome', in: 'query', required: false, schema: { type: 'string', enum: ['started', 'unavailable', 'refused'] } },
        ],
        responses: { 200: page('The list, or that there is none.'), ...signedIn },
      },
    },
    '/admin/dead-letters/{outboxId}/retry': {
      post: {
        tags: ['pages'],
        summary: 'Send a dead letter again (the same service as POST /api/dead-letters/{outboxId}/retry)',
        parameters: [{ name: 'outboxId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { lang: { type: 'string' } } } } } },
        responses: {
          303: { description: 'Sent again: back to the list, saying what the delivery answered. Not signed in: on to /login.' },
          404: page('No such dead letter within your jurisdiction.'),
          403: page('Not an admin.'),
        },
      },
    },
  };
}
