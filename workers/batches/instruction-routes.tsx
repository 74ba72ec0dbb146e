import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { instructionFeedbackSchema, instructionListQuerySchema } from '../../schemas/batch';
import type { AppEnv } from '../env';
import { fieldErrors, pickLang, type FieldError } from '../i18n/messages';
import { refusalWords } from '../i18n/refusals';
import { requireUser } from '../middleware/auth';
import { pageError } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { listInstructionsFor } from './batch-view';
import { giveFeedback, ownInstruction } from './instruction-feedback';
import { InstructionListPage, InstructionPage, subjectOf } from './instruction-pages';

/** Enough for a grid worker's week: the rest comes a page at a time. */
const pageSize = 50;

async function instructionPage(c: Context<AppEnv>, id: number, attempt?: { values: { feedback?: string }; errors: FieldError[] }, status: 200 | 409 | 422 = 200) {
  const own = await ownInstruction(c.get('services').db, c.get('user'), id);
  if (own.kind === 'notFound') return pageError(c, 404);
  if (own.kind === 'notYours') return pageError(c, 403);
  return c.html(<InstructionPage frame={await frameOf(c)} found={own.found} now={new Date()} {...attempt} />, status);
}

/**
 * Whether the answer that stands is this one: a form sent again over a weak signal, after the first got through
 * unseen, is answered as the first was rather than refused.
 */
async function sameAnswerStands(c: Context<AppEnv>, id: number, feedback: string) {
  const own = await ownInstruction(c.get('services').db, c.get('user'), id);
  return own.kind === 'found' && own.found.instruction.feedback === feedback;
}

/**
 * The pages of the people a batch's instructions go to, whatever their role: their list, and one answer form per
 * instruction, posted without script and checked for coming from this site like every page form (app.ts). The answer
 * goes through the API's own service, so the batch's feedback rate counts it at once.
 */
export const instructionPages = new Hono<AppEnv>()
  .use('/instructions', requireUser('page'))
  .use('/instructions/*', requireUser('page'))
  .get('/instructions', async (c) => {
    const { db } = c.get('services');
    const user = c.get('user');
    // A cursor that is no longer good starts again from the first page.
    const asked = v.safeParse(instructionListQuerySchema, { limit: String(pageSize), cursor: c.req.query('cursor') });
    const list = await listInstructionsFor(db, user, asked.success ? asked.output : { limit: pageSize });
    const answeredId = Number(c.req.query('answered'));
    const answered = c.req.query('answered') ? await ownInstruction(db, user, answeredId) : undefined;
    const recorded = answered?.kind === 'found' ? subjectOf(answered.found.instruction) : undefined;
    return c.html(<InstructionListPage frame={await frameOf(c)} rows={list.rows} nextCursor={list.nextCursor} now={new Date()} recorded={recorded} />);
  })
  .get('/instructions/:id', (c) => instructionPage(c, Number(c.req.param('id'))))
  .post('/instructions/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const body = await c.req.parseBody();
    const lang = pickLang(typeof body.lang === 'string' ? body.lang : c.get('lang'), c.req.header('accept-language'));
    c.set('lang', lang);
    const typed = typeof body.feedback === 'string' ? body.feedback : '';
    const values = { feedback: typed };
    const parsed = v.safeParse(instructionFeedbackSchema, { feedback: typed });
    if (!parsed.success) return instructionPage(c, id, { values, errors: fieldErrors(parsed.issues, lang) }, 422);

    const answer = await giveFeedback(c.get('services'), c.get('user'), id, parsed.output.feedback);
    switch (answer.kind) {
      case 'notFound':
        return pageError(c, 404);
      case 'notYours':
        return pageError(c, 403);
      case 'refused':
        if (answer.refusal.code === 'instructionAnswered' && (await sameAnswerStands(c, id, parsed.output.feedback))) return c.redirect(`/instructions?answered=${id}`, 303);
        return instructionPage(c, id, { values, errors: [{ field: 'feedback', code: answer.refusal.code, message: refusalWords(lang, answer.refusal) }] }, 409);
      case 'recorded':
        return c.redirect(`/instructions?answered=${id}`, 303);
    }
  });
