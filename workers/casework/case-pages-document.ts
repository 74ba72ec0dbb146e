import { stepExamples, stepNames } from '../../schemas/steps';
import { page } from '../document/openapi-parts';

const signedIn = { 303: { description: 'Not signed in: on to /login, and back here after.' } };
const forWorkers = { 403: page('A grid worker’s session: these pages are for the people who work cases.') };

/** A step's example as its form posts it: yes/no as '1'/'0', lists as repeated fields (shown here as arrays). */
const formExample = (example: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(example).map(([name, value]) => [name, typeof value === 'boolean' ? (value ? '1' : '0') : value]));

/** The case pages: a mediator's queue, a case with the steps open now, the inbox, a department's tasks. */
export function casePagePaths(): Record<string, unknown> {
  return {
    '/queue': {
      get: {
        tags: ['pages'],
        summary: 'My queue: the mediator’s unfinished cases, the nearest deadline first, each open clock with its time left',
        parameters: [{ name: 'cursor', in: 'query', required: false, schema: { type: 'string' }, description: 'The “more” link’s; a stale one starts again from the first page.' }],
        responses: { 200: page('The queue.'), ...forWorkers, ...signedIn },
      },
    },
    '/tasks': {
      get: {
        tags: ['pages'],
        summary: 'A department’s tasks: the joint-route cases naming its department, each with a report-back form',
        parameters: [{ name: 'cursor', in: 'query', required: false, schema: { type: 'string' } }],
        responses: { 200: page('The tasks.'), ...forWorkers, ...signedIn },
      },
    },
    '/inbox': {
      get: {
        tags: ['pages'],
        summary: 'The inbox (every role): one’s instructions near or past their deadline on top, then warnings, breaches, escalations, newest first, the unread marked',
        responses: { 200: page('The inbox.'), ...signedIn },
      },
    },
    '/inbox/{id}/read': {
      post: {
        tags: ['pages'],
        summary: 'Mark one notification read',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { lang: { type: 'string' } } }, example: { lang: 'zh-CN' } } } },
        responses: { 303: { description: 'Back to the inbox.' }, 403: page('Posted from another site.') },
      },
    },
    '/cases/{id}': {
      get: {
        tags: ['pages'],
        summary: 'A case: parties, summary, route, stage, mediator, escalation, open clocks with time left, the timeline, and the steps open to the reader now',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'done', in: 'query', required: false, schema: { type: 'string' }, description: `The step just taken, said at the top: one of ${stepNames.join(', ')}; any other is passed over.` },
        ],
        responses: { 200: page('The case page.'), 404: page('No such case within your jurisdiction.'), ...forWorkers, ...signedIn },
      },
    },
    '/cases/{id}/agreement': {
      get: {
        tags: ['pages'],
        summary: 'The case’s mediation agreement (人民调解协议书) to print on A4: its number, every item People’s Mediation Law Art. 29 asks for, and the lines to sign and seal',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { 200: page('The agreement, print-ready.'), 404: page('No such case within your jurisdiction, or no agreement recorded on it.'), ...forWorkers, ...signedIn },
      },
    },
    '/cases/{id}/steps/{step}': {
      post: {
        tags: ['pages'],
        summary: 'Take a step from the case page (or a department’s report from /tasks), on the session cookie',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'step', in: 'path', required: true, schema: { type: 'string', enum: stepNames } },
        ],
        requestBody: {
          content: {
            'application/x-www-form-urlencoded': {
              schema: {
                type: 'object',
                description:
                  'The step’s payload (POST /api/cases/{id}/steps/{step}) as form fields: yes/no as 1/0, lists as repeated fields; ' +
                  'plus lang, stepId (the update’s ID: a resend is taken once), returnTo=/tasks from the department’s list, and onBehalfOfAssignee=1 ' +
                  'when a supervisor records a mediator’s step for the mediator holding the case.',
              },
              example: { lang: 'zh-CN', stepId: 'b2f0c6c4-2f7e-4f7b-9d7c-0c2c1f1f0001', ...formExample(stepExamples['record-contact']) },
            },
          },
        },
        responses: {
          303: { description: 'Taken: back to the case page (`?done=<step>`), or to /tasks.' },
          404: page('No such case or step.'),
          403: page('The step is not this person’s (the page again with the reason beside it), or the form was posted from another site.'),
          409: page('The page again with the reason beside the step: not allowed now.'),
          422: page('The page again with a message beside each field to correct.'),
          503: page('Temporal did not answer: the page says whether the step may have been taken; resending the same form takes it once.'),
        },
      },
    },
  };
}
