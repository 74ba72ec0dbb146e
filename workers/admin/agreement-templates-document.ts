import { page } from '../document/openapi-parts';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' }, 403: page('Not an admin.') };

/** The admin's page for the stations' agreement templates. */
export function agreementTemplatePagePaths(): Record<string, unknown> {
  return {
    '/admin/agreements': {
      get: {
        tags: ['pages'],
        summary: 'Each station’s agreement template in the admin’s jurisdiction: its committee’s name, seal text and number prefix, the defaults from its name until set',
        parameters: [{ name: 'saved', in: 'query', required: false, schema: { type: 'string' }, description: 'The station just saved, said once.' }],
        responses: { 200: page('The templates.'), ...signedIn },
      },
    },
    '/admin/agreements/{code}': {
      post: {
        tags: ['pages'],
        summary: 'Save a station’s agreement template',
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: Object.fromEntries(['committeeName', 'sealText', 'numberPrefix', 'lang'].map((name) => [name, { type: 'string' }])) },
              example: { committeeName: '灵隐派出所人民调解委员会', sealText: '灵隐派出所人民调解委员会', numberPrefix: '灵人调', lang: 'zh-CN' },
            },
          },
        },
        responses: {
          303: { description: 'Saved: back to the templates, saying so. Not signed in: on to /login.' },
          404: page('No such station within your jurisdiction.'),
          422: page('The templates again, this one as typed, each error beside its field.'),
          403: page('Not an admin.'),
        },
      },
    },
  };
}
