import { formatLocal } from '../../domain/clocks/local-time';
import { attachmentLimitsMb } from '../../domain/attachments/file-types';
import type { AttachmentRow } from '../../db/queries/attachments';
import type { Refusal } from '../../schemas/refusal';
import { t, type Lang } from '../i18n/messages';
import { refusalWords } from '../i18n/refusals';
import type { Frame } from '../kit/frame';

/** What a file attached from the page came back with: refused, with why, or attached. */
export type AttachmentAttempt = { refusal: Refusal } | { missing: true };

/** A size as people say it: bytes under a KB, KB under a MB, else MB with one decimal. */
export function sizeInWords(lang: Lang, size: number): string {
  if (size < 1024) return t(lang, 'attachment.sizeBytes', { n: size });
  if (size < 1024 * 1024) return t(lang, 'attachment.sizeKb', { n: Math.round(size / 1024) });
  return t(lang, 'attachment.sizeMb', { n: (size / (1024 * 1024)).toFixed(1) });
}

const fileFieldId = 'attachment-file';

/**
 * The case page's 附件: each attachment with its kind, name, size, who attached it and when, and a link that opens it
 * (a download the audit records); below, for whoever works the case, a form that sends a file as a plain POST. On a
 * phone the file input offers the camera and the recorder beside the files.
 */
export function AttachmentsSection({ frame, caseId, attachments, mayAttach, attempt }: { frame: Frame; caseId: string; attachments: readonly AttachmentRow[]; mayAttach: boolean; attempt?: AttachmentAttempt }) {
  const { lang, utcOffset } = frame;
  const problem = attempt ? ('refusal' in attempt ? refusalWords(lang, attempt.refusal) : t(lang, 'attachment.missing')) : undefined;
  return (
    <section id="attachments" aria-labelledby="attachments-title" data-testid="attachments">
      <h2 id="attachments-title">{t(lang, 'attachment.title')}</h2>
      {attachments.length ? (
        <ul class="cards">
          {attachments.map((attachment) => (
            <li data-testid="attachment">
              <span class="tag">{t(lang, `attachment.kind.${attachment.kind}`)}</span>{' '}
              <a href={`/cases/${caseId}/attachments/${attachment.id}`}>{attachment.fileName}</a>{' '}
              <span class="muted">{sizeInWords(lang, attachment.size)}</span>
              <div class="muted">
                {attachment.attachedByName} · <time datetime={attachment.attachedAt}>{formatLocal(attachment.attachedAt, utcOffset)}</time>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'attachment.none')}</p>
      )}
      {mayAttach ? (
        <form method="post" action={`/cases/${caseId}/attachments`} enctype="multipart/form-data" data-testid="attachment-form">
          <input type="hidden" name="lang" value={lang} />
          <div class={problem ? 'field invalid' : 'field'}>
            <label for={fileFieldId}>{t(lang, 'attachment.file')}</label>
            <p class="hint" id={`${fileFieldId}-hint`}>
              {t(lang, 'attachment.hint', attachmentLimitsMb)}
            </p>
            {problem ? (
              <p class="field-error" id={`${fileFieldId}-error`} role="alert" data-testid="attachment-refusal">
                {problem}
              </p>
            ) : null}
            <input
              type="file"
              id={fileFieldId}
              name="file"
              accept="image/*,application/pdf,audio/*"
              required
              aria-describedby={problem ? `${fileFieldId}-hint ${fileFieldId}-error` : `${fileFieldId}-hint`}
              aria-invalid={problem ? 'true' : undefined}
            />
          </div>
          <button type="submit">{t(lang, 'attachment.upload')}</button>
        </form>
      ) : null}
    </section>
  );
}
