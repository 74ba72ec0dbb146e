import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { findUserById } from '../../db/queries/users';
import { batchIdSchema, batchOptionsSchema } from '../../schemas/batch';
import type { AppEnv } from '../env';
import { customError, fieldErrors, pickLang, t, type FieldError } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { BatchFormPage, BatchPage, feedbackChoices, type BatchFormProps } from './batch-pages';
import { linesOfCsv, textOfUpload } from './batch-lines';
import { listBatchesFor, readBatch } from './batch-view';
import { dispatchBatch } from './dispatch-batch';
import { policyInForce } from '../county/sla-policy';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

/** A running batch's page asks again this often: feedback comes in over minutes and hours, not milliseconds. */
const refreshSeconds = 5;

const formValue = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The lines from the file when one was chosen, else from the box; the file wins, as the form says. */
async function csvOf(body: Record<string, unknown>): Promise<{ text: string | undefined; field: 'file' | 'csv' } | undefined> {
  const file = body.file;
  if (file instanceof File && file.size > 0) return { text: textOfUpload(await file.arrayBuffer()), field: 'file' };
  const pasted = formValue(body.csv);
  return pasted?.trim() ? { text: pasted, field: 'csv' } : undefined;
}

/** The assignees as the page names them: a dispatcher knows people by name, not by their user ID. */
async function namesOf(c: Context<AppEnv>, ids: string[]) {
  const found = await Promise.all([...new Set(ids)].map((id) => findUserById(c.get('services').db, id)));
  return new Map(found.flatMap((user) => (user ? [[user.id, user.name] as const] : [])));
}

/** How many of the latest batches the upload page lists under its form. */
const recentBatches = 20;

async function formPage(c: Context<AppEnv>, props: Omit<BatchFormProps, 'frame' | 'defaultFeedback' | 'recent'>, status: 200 | 422 = 200) {
  const policy = await policyInForce(c.env, c.get('services').db);
  const recent = (await listBatchesFor(c.get('services').db, c.get('user'), { limit: recentBatches })).rows;
  const defaultFeedback = (feedbackChoices as readonly string[]).includes(policy.instructionFeedbackWithin)
    ? t(c.get('lang'), `batch.within.${policy.instructionFeedbackWithin as (typeof feedbackChoices)[number]}`)
    : policy.instructionFeedbackWithin;
  return c.html(<BatchFormPage frame={await frameOf(c)} defaultFeedback={defaultFeedback} recent={recent} {...props} />, status);
}

/**
 * Batches of verification instructions from a page: upload a CSV through the same service as the API, then follow
 * the batch on its own page. The form carries a batch ID made when it was shown, so sending it twice files it once.
 */
export const batchPages = new Hono<AppEnv>()
  .use('/batches', requireUser('page'), requirePagePermission('supervise'))
  .use('/batches/*', requireUser('page'), requirePagePermission('supervise'))
  .get('/batches', (c) => formPage(c, { values: {}, errors: [], batchId: crypto.randomUUID() }))
  .post('/batches', async (c) => {
    const body = await c.req.parseBody();
    const lang = pickLang(formValue(body.lang) ?? c.get('lang'), c.req.header('accept-language'));
    c.set('lang', lang);
    const values = { title: formValue(body.title), feedbackWithin: formValue(body.feedbackWithin), csv: formValue(body.csv) };
    const givenId = v.safeParse(batchIdSchema, formValue(body.batchId) ?? '');
    const batchId = givenId.success ? givenId.output : crypto.randomUUID();
    const again = (errors: FieldError[], id = batchId) => formPage(c, { values, errors, batchId: id }, 422);

    const options = v.safeParse(batchOptionsSchema, { title: values.title || undefined, feedbackWithin: values.feedbackWithin || undefined });
    const errors = options.success ? [] : fieldErrors(options.issues, lang);
    const csv = await csvOf(body);
    const lines = csv?.text === undefined ? undefined : linesOfCsv(csv.text);
    if (!csv) errors.push(customError(lang, 'csv', 'batchEmpty'));
    else if (csv.text === undefined) errors.push(customError(lang, csv.field, 'batchEncoding'));
    else if (lines && 'error' in lines) errors.push({ field: csv.field, message: t(lang, 'error.batchUnreadable', { problem: lines.error }) });
    else if (lines && !lines.length) errors.push(customError(lang, csv.field, 'batchEmpty'));
    if (errors.length || !options.success || !lines || 'error' in lines) return again(errors);

    const services = c.get('services');
    const policy = await policyInForce(c.env, services.db);
    const answer = await dispatchBatch(services, { user: c.get('user'), batchId, options: options.output, lines, policy, lang });
    // Another batch holds this form's ID (another user's, or other lines sent under it): this form takes a new one.
    if (answer.kind === 'idTaken' || answer.kind === 'idReused') return again([customError(lang, 'csv', 'batchResent')], crypto.randomUUID());
    return c.redirect(`/batches/${encodeURIComponent(answer.view.id)}`, 303);
  })
  .get('/batches/:id', async (c) => {
    const view = await readBatch(c.get('services').db, c.get('user'), c.req.param('id'));
    if (!view) return pageError(c, 404);
    const assignees = await namesOf(c, view.lines.flatMap((line) => (line.assigneeId ? [line.assigneeId] : [])));
    return c.html(<BatchPage frame={await frameOf(c)} view={view} assignees={assignees} refreshSeconds={view.status === 'done' ? undefined : refreshSeconds} />);
  });
