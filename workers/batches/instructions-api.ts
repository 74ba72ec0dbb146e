import { Hono } from 'hono';
import { instructionFeedbackSchema, instructionListQuerySchema } from '../../schemas/batch';
import type { AppEnv } from '../env';
import { refusalSentence } from '../i18n/refusals';
import { requireUser } from '../middleware/auth';
import { listInstructionsFor } from './batch-view';
import { giveFeedback } from './instruction-feedback';
import { validated } from '../kit/validated';

/** An assignee's side of a batch: their own instructions, and feedback on each. */
export const instructionsApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .get('/', validated('query', instructionListQuerySchema, 'invalid_query'), async (c) =>
    c.json(await listInstructionsFor(c.get('services').db, c.get('user'), c.req.valid('query'))),
  )
  .post('/:id/feedback', validated('json', instructionFeedbackSchema, 'invalid_feedback'), async (c) => {
    const answer = await giveFeedback(c.get('services'), c.get('user'), Number(c.req.param('id')), c.req.valid('json').feedback);
    switch (answer.kind) {
      case 'notFound':
        return c.json({ error: 'not_found', message: 'No such instruction.' }, 404);
      case 'notYours':
        return c.json({ error: 'forbidden', message: 'Only the instruction’s assignee gives its feedback.' }, 403);
      case 'refused':
        // The sentence for a person reading the log; `code` and `params` for a program.
        return c.json({ error: 'conflict', message: refusalSentence(answer.refusal), ...answer.refusal }, 409);
      case 'recorded':
        return c.json(answer.line, 200);
    }
  });
