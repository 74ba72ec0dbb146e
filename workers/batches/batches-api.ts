import { Hono } from 'hono';
import * as v from 'valibot';
import { batchIdSchema, batchJsonSchema, batchListQuerySchema, batchOptionsSchema, maxBatchLines } from '../../schemas/batch';
import type { AppEnv } from '../env';
import { limitBody } from '../middleware/body-limit';
import { customError, fieldErrors, t, type Lang } from '../i18n/messages';
import { requirePermission, requireUser } from '../middleware/auth';
import { bodyFormatOf, linesOfCsv, linesOfJson, linesOfJsonLines, linesOfSheet, xlsxType, type RawLine, type SheetProblem } from './batch-lines';
import { listBatchesFor, readBatch } from './batch-view';
import { dispatchBatch } from './dispatch-batch';
import { policyInForce } from '../county/sla-policy';
import { validated } from '../kit/validated';
import { textOfBytes } from '../kit/sheet-files';

/** A county's batch runs to a thousand lines, some of them whole intakes: more than the 64 KiB a single request gets. */
export const batchBodyLimit = limitBody(2 * 1024 * 1024, (c) => c.json({ error: 'too_large', message: 'The batch is over 2 MiB; send it in parts.' }, 413));

type Read = { options: unknown; lines: RawLine[] } | { problem: SheetProblem | 'notJson' | 'batchEmpty' };

/**
 * The lines and options as the content type says: a JSON body carries both; CSV (UTF-8 or GBK, headers Chinese or
 * English), an xlsx workbook and JSON lines take the options from the query.
 */
function readBody(contentType: string | undefined, bytes: ArrayBuffer, query: Record<string, string>): Read | { invalid: v.BaseIssue<unknown>[] } | undefined {
  const format = bodyFormatOf(contentType);
  if (!format) return undefined;
  if (format === 'xlsx') {
    const lines = linesOfSheet(bytes);
    return 'problem' in lines ? lines : { options: query, lines };
  }
  const text = textOfBytes(bytes);
  if (text === undefined) return { problem: 'batchEncoding' };
  if (format === 'json') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { problem: 'notJson' };
    }
    const parsed = v.safeParse(batchJsonSchema, body);
    if (!parsed.success) return { invalid: parsed.issues };
    const { lines, ...options } = parsed.output;
    return { options, lines: linesOfJson(lines) };
  }
  const lines = format === 'csv' ? linesOfCsv(text) : linesOfJsonLines(text);
  if ('problem' in lines) return lines;
  if (!lines.length) return { problem: 'batchEmpty' };
  if (lines.length > maxBatchLines) return { problem: 'batchTooMany' };
  return { options: query, lines };
}

/** Why a body gives no lines, in the request's language; the code stays `unreadable`, as programs read it. */
const unreadable = (lang: Lang, problem: SheetProblem | 'notJson' | 'batchEmpty') => ({
  field: '',
  code: 'unreadable',
  message: problem === 'notJson' ? t(lang, 'error.badLine', { label: t(lang, 'batch.lineProblem.notJson') }) : t(lang, `error.${problem}`, { label: '' }),
});

export const batchesApi = new Hono<AppEnv>()
  .use(requireUser('api'))
  .use(requirePermission('supervise'))
  .post('/', async (c) => {
    const lang = c.get('lang');
    // The query's options are checked whatever the body: beside a JSON body they are not read, but a wrong one is never passed over.
    const queryOptions = v.safeParse(batchOptionsSchema, c.req.query());
    if (!queryOptions.success) return c.json({ error: 'invalid_batch', fields: fieldErrors(queryOptions.issues, lang) }, 422);
    const read = readBody(c.req.header('content-type'), await c.req.arrayBuffer(), c.req.query());
    if (!read) return c.json({ error: 'unsupported_media_type', message: `Send application/json, application/x-ndjson (JSON lines), text/csv or ${xlsxType}.` }, 415);
    if ('invalid' in read) return c.json({ error: 'invalid_batch', fields: fieldErrors(read.invalid, lang) }, 422);
    if ('problem' in read) return c.json({ error: 'invalid_batch', fields: [unreadable(lang, read.problem)] }, 422);
    const options = v.safeParse(batchOptionsSchema, read.options);
    if (!options.success) return c.json({ error: 'invalid_batch', fields: fieldErrors(options.issues, lang) }, 422);
    // An Idempotency-Key is checked whether or not the body names the batch too: a wrong header is never passed over.
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !v.safeParse(batchIdSchema, key).success) {
      return c.json({ error: 'invalid_batch', fields: [customError(lang, 'Idempotency-Key', 'batchId')] }, 422);
    }
    // The body's batchId, else the Idempotency-Key: either way the client names the batch, so a re-send is recognised.
    const batchId = v.safeParse(batchIdSchema, options.output.batchId ?? key ?? '');
    if (!batchId.success) {
      const field = options.output.batchId === undefined && c.req.header('idempotency-key') !== undefined ? 'Idempotency-Key' : 'batchId';
      return c.json({ error: 'invalid_batch', fields: [customError(lang, field, 'batchId')] }, 422);
    }

    const services = c.get('services');
    const policy = await policyInForce(c.env, services.db);
    const answer = await dispatchBatch(services, { user: c.get('user'), batchId: batchId.output, options: options.output, lines: read.lines, policy, lang });
    switch (answer.kind) {
      case 'idTaken':
        return c.json({ error: 'batch_id_taken', message: 'Another user’s batch has this ID; choose another.' }, 409);
      case 'idReused':
        return c.json({ error: 'batch_id_reused', fields: [{ field: 'batchId', code: 'idempotencyReused', message: t(lang, 'error.idempotencyReused') }] }, 422);
      case 'replayed':
        c.header('idempotent-replayed', 'true');
        c.header('location', `/api/batches/${encodeURIComponent(answer.view.id)}`);
        return c.json(answer.view, 200);
      case 'created':
        c.header('location', `/api/batches/${encodeURIComponent(answer.view.id)}`);
        return c.json(answer.view, 201);
    }
  })
  .get('/', validated('query', batchListQuerySchema, 'invalid_query'), async (c) =>
    c.json(await listBatchesFor(c.get('services').db, c.get('user'), c.req.valid('query'))),
  )
  .get('/:id', async (c) => {
    const view = await readBatch(c.get('services').db, c.get('user'), c.req.param('id'));
    return view ? c.json(view) : c.json({ error: 'not_found', message: 'No such batch within your jurisdiction.' }, 404);
  });
