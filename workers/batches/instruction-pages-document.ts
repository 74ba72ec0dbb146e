import { page } from '../document/openapi-parts';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' }, description: 'The `instructionId` of a line.' };

/** The pages where the people a batch's instructions go to see and answer them (any role: an instruction may go to anyone). */
export function instructionPagePaths(): Record<string, unknown> {
  return {
    '/instructions': {
      get: {
        tags: ['pages'],
        summary: 'My instructions: those still to answer, the nearest deadline first with their state in words, then those answered',
        parameters: [
          { name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The “more” link’s; a stale one starts again from the first page.' },
          { name: 'answered', in: 'query', required: false, schema: { type: 'integer' }, description: 'The instruction just answered, named at the top.' },
        ],
        responses: { 200: page('The list.'), ...signedIn },
      },
    },
    '/instructions/{id}': {
      get: {
        tags: ['pages'],
        summary: 'One instruction: what to check, the time left, and its answer form (or the answer given)',
        parameters: [id],
        responses: { 200: page('The instruction.'), 403: page('Another person’s instruction.'), 404: page('No such instruction within your jurisdiction.'), ...signedIn },
      },
      post: {
        tags: ['pages'],
        summary: 'Answer one’s own instruction from its page, on the session cookie; the batch’s feedback rate counts it at once',
        parameters: [id],
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: { type: 'object', properties: { feedback: { type: 'string' }, lang: { type: 'string' } } },
              example: { lang: 'zh-CN', feedback: '已上门核查，实住 3 人，与登记一致' },
            },
          },
        },
        responses: {
          303: { description: 'Answered, or the answer that stands sent again: on to /instructions?answered={id}.' },
          403: page('Another person’s instruction, or the form was posted from another site.'),
          404: page('No such instruction within your jurisdiction.'),
          409: page('The page again, what was typed kept, with why beside the field: answered already (with another answer), or a rejected line.'),
          422: page('The page again, what was typed kept, with a message beside the field.'),
        },
      },
    },
  };
}
