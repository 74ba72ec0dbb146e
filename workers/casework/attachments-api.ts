import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env';
import { t } from '../i18n/messages';
import { refusalSentence } from '../i18n/refusals';
import { refusal, type Refusal } from '../../schemas/refusal';
import { attachmentBodyBytes, attachmentLimitsMb } from '../../domain/attachments/file-types';
import { limitBody } from '../middleware/body-limit';
import { attachmentOf, attachmentResponse, attachToCase, listAttachments, openAttachment } from './attachments';

/** The paths a file is attached through, API and page: they take a body as large as the largest attachment. */
export const isAttachmentUpload = (path: string) => /^\/(api\/)?cases\/[^/]+\/attachments\/?$/.test(path);

/** The body of an upload, up to the largest attachment; past it, refused before it is read, as `answer` says. */
export const limitUpload = (answer: (c: Context<AppEnv>, refused: Refusal) => Response | Promise<Response>) =>
  limitBody(attachmentBodyBytes, (c) => answer(c, refusal('uploadTooLarge', { limit: attachmentLimitsMb.audio })));

const notFound = (c: Context<AppEnv>) => c.json({ error: 'not_found', message: 'No such case within your jurisdiction, or no such attachment on it.' }, 404);

/** A refused file as the API says it: the code and its values for a program, a sentence for a person. */
export const refusedFile = (refused: Refusal) => ({ error: 'attachment_refused', message: refusalSentence(refused), code: refused.code, params: refused.params });

/** What multipart/form-data carries as `file`, when it carries a file there; a body that does not parse carries none. */
export async function fileField(c: Context<AppEnv>): Promise<File | undefined> {
  const body = await c.req.parseBody().catch((): Record<string, unknown> => ({}));
  const file = body.file;
  return file instanceof File ? file : undefined;
}

export const isMultipart = (c: Context<AppEnv>) => /^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '');

/**
 * The evidence on a case, beneath /api/cases/{id}/attachments: attach a file (multipart/form-data, field `file`), list
 * them, download one. Each for whoever may read the case, and a case they may not read is as missing as none; only
 * those who work the case attach. Mounted inside the cases API, which has already signed the caller in.
 */
export const attachmentsApi = new Hono<AppEnv>()
  .post('/:id/attachments', limitUpload((c, refused) => c.json(refusedFile(refused), 413)), async (c) => {
    if (!isMultipart(c)) return c.json({ error: 'unsupported_media_type', message: 'Send the file as multipart/form-data, in the field `file`.' }, 415);
    const file = await fileField(c);
    if (!file) return c.json({ error: 'invalid_attachment', fields: [{ field: 'file', code: 'missing', message: t(c.get('lang'), 'attachment.missing') }] }, 422);
    const answer = await attachToCase(c.get('services'), c.get('user'), c.req.param('id'), file);
    switch (answer.kind) {
      case 'attached':
        c.header('location', answer.attachment.href);
        return c.json(answer.attachment, 201);
      case 'notFound':
        return notFound(c);
      case 'forbidden':
        return c.json({ error: 'forbidden', message: 'Only those who work the case attach to it: who filed it, its mediator, the supervisors over it.' }, 403);
      case 'refused':
        return c.json(refusedFile(answer.refusal), answer.status);
    }
  })
  .get('/:id/attachments', async (c) => {
    const rows = await listAttachments(c.get('services'), c.get('user'), c.req.param('id'));
    return rows ? c.json({ attachments: rows.map(attachmentOf) }) : notFound(c);
  })
  .get('/:id/attachments/:attachmentId', async (c) => {
    const opened = await openAttachment(c.get('services'), c.get('user'), c.req.param('id'), c.req.param('attachmentId'));
    return opened ? attachmentResponse(opened) : notFound(c);
  });
