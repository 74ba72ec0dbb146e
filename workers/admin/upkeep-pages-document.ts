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

/** A calendar form: its fields, the page's `lang`, and the `version` it publishes (the one after the version it showed). */
const calendarForm = (names: readonly string[]) => ({
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: Object.fromEntries([...names, 'lang', 'version'].map((name) => [name, { type: 'string' }])) } } },
});

/** The admin's pages for the SLA policy, the working calendar and the dead letters, over the services of /api/policy and /api/dead-letters. */
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
    '/admin/calendar': {
      get: {
        tags: ['pages'],
        summary: 'The working calendar in force: its official source and years, this year’s and next year’s holidays and make-up working days by festival, and the county’s own days',
        parameters: [
          { name: 'year', in: 'query', required: false, schema: { type: 'integer', minimum: 2004, maximum: 2099 }, description: 'The first year shown, with the one after it; this year unless given.' },
          { name: 'published', in: 'query', required: false, schema: { type: 'integer' }, description: 'The policy version just published, said once.' },
          { name: 'cases', in: 'query', required: false, schema: { type: 'integer' }, description: 'How many running cases were told of it.' },
          { name: 'added', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'The county day just added.' },
          { name: 'removed', in: 'query', required: false, schema: { type: 'string', format: 'date' }, description: 'The county day just removed.' },
        ],
        responses: { 200: page('The calendar.'), ...signedIn },
      },
    },
    '/admin/calendar/days': {
      post: {
        tags: ['pages'],
        summary: 'Add a county day (a local holiday or a declared working day): the policy in force published as its next version with the day (the same service as POST /api/policy)',
        requestBody: calendarForm(['date', 'kind', 'name']),
        responses: {
          303: { description: 'Published: back to the calendar, saying so. Not signed in: on to /login.' },
          409: page('Another version was published meanwhile: the page again, the form as typed.'),
          422: page('The form again, as typed, with the reason beside its field: a bad date, a date already a county day, a day already off or already worked, no name.'),
          403: page('Not an admin.'),
        },
      },
    },
    '/admin/calendar/days/{date}/remove': {
      post: {
        tags: ['pages'],
        summary: 'Remove a county day: the policy in force published as its next version without it',
        parameters: [{ name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } }],
        requestBody: calendarForm([]),
        responses: {
          303: { description: 'Published: back to the calendar, saying so. Not signed in: on to /login.' },
          404: page('The county has no day of its own on that date.'),
          409: page('Another version was published meanwhile.'),
          403: page('Not an admin.'),
        },
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
