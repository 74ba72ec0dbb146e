import { Hono } from 'hono';
import * as v from 'valibot';
import { findUserById } from '../../db/queries/users';
import { bulkDispatchFormSchema, bulkDispatchMax } from '../../schemas/bulk-dispatch';
import type { AppEnv } from '../env';
import { fieldErrors, pickLang, t, type FieldError, type Lang } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { dispatchEach } from './bulk-dispatch';
import { configuredPolicy } from '../county/sla-policy';
import { BulkDispatchPage } from './bulk-dispatch-page';

const texts = (value: unknown) => [value ?? []].flat().filter((item): item is string => typeof item === 'string');

/** What is wrong with the form in the board's words: nothing ticked, too many, no mediator; else the schema's own. */
function formErrors(lang: Lang, body: Record<string, unknown>, issues: Parameters<typeof fieldErrors>[0]): FieldError[] {
  const ticked = texts(body.caseId).length;
  const errors: FieldError[] = [];
  if (ticked === 0) errors.push({ field: 'caseId', message: t(lang, 'board.bulkNoneChosen') });
  if (ticked > bulkDispatchMax) errors.push({ field: 'caseId', message: t(lang, 'board.bulkTooMany', { max: bulkDispatchMax, count: ticked }) });
  if (!texts(body.mediatorId).join('').trim()) errors.push({ field: 'mediatorId', message: t(lang, 'board.bulkNoMediator') });
  return errors.length ? errors : fieldErrors(issues, lang);
}

/**
 * The board's bulk dispatch, a plain form post on the session (checked for coming from this site like every page
 * form, app.ts): each ticked case is dispatched as a step of its own by casework's step service, and the page after
 * answers each. It lives with the steps, not the board, because a feature's pages do not reach into another's service.
 */
export const bulkDispatchPages = new Hono<AppEnv>().use('/board/dispatch', requireUser('page'), requirePagePermission('supervise')).post('/board/dispatch', async (c) => {
  const body = await c.req.parseBody({ all: true });
  // The form carries the page's language: a board read with ?lang=en answers in English.
  const lang = pickLang(texts(body.lang)[0], c.req.header('accept-language'));
  c.set('lang', lang);
  const asked = { caseId: texts(body.caseId), mediatorId: texts(body.mediatorId)[0] ?? '', key: texts(body.key)[0] ?? '', back: texts(body.back)[0] ?? '' };
  const parsed = v.safeParse(bulkDispatchFormSchema, asked);
  const back = parsed.success ? parsed.output.back : '';
  if (!parsed.success) {
    return c.html(<BulkDispatchPage frame={await frameOf(c)} results={[]} mediatorName="" errors={formErrors(lang, body, parsed.issues)} back={back} />, 422);
  }
  const user = c.get('user');
  const [results, mediator] = await Promise.all([dispatchEach(c.get('services'), user, parsed.output, configuredPolicy(c.env).utcOffset), findUserById(c.get('services').db, parsed.output.mediatorId)]);
  return c.html(<BulkDispatchPage frame={await frameOf(c)} results={results} mediatorName={mediator?.name ?? parsed.output.mediatorId} errors={[]} back={back} />);
});
