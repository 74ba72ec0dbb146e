import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { findUserById } from '../../db/queries/users';
import { batchIdSchema, batchOptionsSchema, previewedLinesSchema, type RawLine } from '../../schemas/batch';
import type { AppEnv } from '../env';
import { customError, fieldErrors, t } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { BatchFormPage, BatchPage, feedbackChoices, type BatchFormProps } from './batch-pages';
import { linesOfCsv, linesOfSheet, type SheetProblem } from './batch-lines';
import { BatchPreviewPage } from './batch-preview-page';
import { csvTemplate, xlsxTemplate } from './batch-templates';
import { assigneeDirectory } from './assignee-directory';
import { checkLines } from './check-lines';
import { formBody } from '../kit/form-body';
import { listBatchesFor, readBatch } from './batch-view';
import { dispatchBatch, feedbackWithinOf } from './dispatch-batch';
import { policyInForce } from '../county/sla-policy';
import { pageError, requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';

/** A running batch's page asks again this often: feedback comes in over minutes and hours, not milliseconds. */
const refreshSeconds = 5;

const formValue = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The lines from the file when one was chosen (CSV or xlsx), else from the box; the file wins, as the form says. */
async function linesOfForm(body: Record<string, unknown>): Promise<{ read: RawLine[] | { problem: SheetProblem }; field: 'file' | 'csv' } | undefined> {
  const file = body.file;
  if (file instanceof File && file.size > 0) return { read: linesOfSheet(await file.arrayBuffer()), field: 'file' };
  const pasted = formValue(body.csv);
  return pasted?.trim() ? { read: linesOfCsv(pasted), field: 'csv' } : undefined;
}

/** The previewed lines as the confirmation carries them back; undefined when they did not survive the trip. */
function carriedLines(value: unknown): RawLine[] | undefined {
  try {
    const parsed = v.safeParse(previewedLinesSchema, JSON.parse(formValue(value) ?? ''));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** The assignees as the page names them: a dispatcher knows people by name, not by their user ID. */
async function namesOf(c: Context<AppEnv>, ids: string[]) {
  const found = await Promise.all([...new Set(ids)].map((id) => findUserById(c.get('services').db, id)));
  return new Map(found.flatMap((user) => (user ? [[user.id, user.name] as const] : [])));
}

/** How many of the latest batches the upload page lists under its form. */
const recentBatches = 20;

async function formPage(c: Context<AppEnv>, props: Omit<BatchFormProps, 'frame' | 'defaultFeedback' | 'recent' | 'people'>, status: 200 | 422 = 200) {
  const { db } = c.get('services');
  const policy = await policyInForce(c.env, db);
  const recent = (await listBatchesFor(db, c.get('user'), { limit: recentBatches })).rows;
  const defaultFeedback = (feedbackChoices as readonly string[]).includes(policy.instructionFeedbackWithin)
    ? t(c.get('lang'), `batch.within.${policy.instructionFeedbackWithin as (typeof feedbackChoices)[number]}`)
    : policy.instructionFeedbackWithin;
  const people = await assigneeDirectory(db, c.get('user'));
  return c.html(<BatchFormPage frame={await frameOf(c)} defaultFeedback={defaultFeedback} recent={recent} people={people} {...props} />, status);
}

/** The form's options and batch ID, checked; the same for the upload and for its confirmation. */
async function optionsOf(c: Context<AppEnv>) {
  const body = await formBody(c);
  const lang = c.get('lang');
  const values = { title: formValue(body.title), feedbackWithin: formValue(body.feedbackWithin), csv: formValue(body.csv) };
  const givenId = v.safeParse(batchIdSchema, formValue(body.batchId) ?? '');
  const batchId = givenId.success ? givenId.output : crypto.randomUUID();
  const options = v.safeParse(batchOptionsSchema, { title: values.title || undefined, feedbackWithin: values.feedbackWithin || undefined });
  return { body, lang, values, batchId, options, errors: options.success ? [] : fieldErrors(options.issues, lang) };
}

/**
 * Batches of verification instructions from a page: upload a sheet (CSV or xlsx, filled from the templates here),
 * check every line on a preview, confirm, and the batch is written through the same service as the API; then follow
 * it on its own page. The form carries a batch ID made when it was shown, so confirming twice files it once.
 */
export const batchPages = new Hono<AppEnv>()
  .use('/batches', requireUser('page'), requirePagePermission('supervise'))
  .use('/batches/*', requireUser('page'), requirePagePermission('supervise'))
  .get('/batches', (c) => formPage(c, { values: {}, errors: [], batchId: crypto.randomUUID() }))
  .get('/batches/template.csv', async (c) => {
    const file = csvTemplate(await assigneeDirectory(c.get('services').db, c.get('user')));
    return c.body(file.body, 200, file.headers);
  })
  .get('/batches/template.xlsx', async (c) => {
    const file = await xlsxTemplate(await assigneeDirectory(c.get('services').db, c.get('user')));
    return c.body(file.body, 200, file.headers);
  })
  // The upload is only read and checked: every line is shown with what would become of it, and nothing is written.
  .post('/batches', async (c) => {
    const { body, lang, values, batchId, options, errors } = await optionsOf(c);
    const upload = await linesOfForm(body);
    if (!upload) errors.push(customError(lang, 'csv', 'batchEmpty'));
    else if ('problem' in upload.read) errors.push(customError(lang, upload.field, upload.read.problem));
    if (errors.length || !options.success || !upload || 'problem' in upload.read) return formPage(c, { values, errors, batchId }, 422);

    const services = c.get('services');
    const [checked, policy] = await Promise.all([checkLines(services, c.get('user'), upload.read, lang), policyInForce(c.env, services.db)]);
    const feedbackWithin = feedbackWithinOf(options.output, policy);
    return c.html(<BatchPreviewPage frame={await frameOf(c)} batchId={batchId} options={options.output} feedbackWithin={feedbackWithin} now={new Date()} lines={upload.read} checked={checked} />);
  })
  .post('/batches/confirm', async (c) => {
    const { body, lang, values, batchId, options, errors } = await optionsOf(c);
    const lines = carriedLines(body.lines);
    if (!lines) errors.push(customError(lang, 'file', 'batchPreviewLost'));
    if (errors.length || !options.success || !lines) return formPage(c, { values, errors, batchId }, 422);

    const services = c.get('services');
    const policy = await policyInForce(c.env, services.db);
    const answer = await dispatchBatch(services, { user: c.get('user'), batchId, options: options.output, lines, policy, lang });
    // Another batch holds this form's ID (another user's, or other lines sent under it): this form takes a new one.
    if (answer.kind === 'idTaken' || answer.kind === 'idReused') return formPage(c, { values, errors: [customError(lang, 'file', 'batchResent')], batchId: crypto.randomUUID() }, 422);
    return c.redirect(`/batches/${encodeURIComponent(answer.view.id)}`, 303);
  })
  .get('/batches/:id', async (c) => {
    const view = await readBatch(c.get('services').db, c.get('user'), c.req.param('id'));
    if (!view) return pageError(c, 404);
    const assignees = await namesOf(c, view.lines.flatMap((line) => (line.assigneeId ? [line.assigneeId] : [])));
    return c.html(<BatchPage frame={await frameOf(c)} view={view} assignees={assignees} refreshSeconds={view.status === 'done' ? undefined : refreshSeconds} />);
  });
