import { instructionKinds, type InstructionKind } from '../../schemas/vocabulary';
import { t, tField, type Lang } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import type { RawLine } from '../../schemas/batch';
import type { CheckedLine } from './check-lines';
import { durationToMs } from '../../domain/policy';
import { timeSpan } from '../cases/clock-marks';
import { formatDeadline } from '../kit/local-time';

export interface BatchPreviewProps {
  frame: Frame;
  batchId: string;
  options: { title?: string; feedbackWithin?: string };
  /** The feedback time the lines will have: the one chosen, else the policy's. */
  feedbackWithin: string;
  /** When the preview is shown: confirmed now, the lines would be due this long after it. */
  now: Date;
  /** The lines as read from the sheet: the confirmation carries them back to be checked and written. */
  lines: readonly RawLine[];
  checked: readonly CheckedLine[];
}

/** What a line is about, as the sheet wrote it: an instruction's subject, a dispute's summary. */
const subjectOf = (line: CheckedLine) => {
  const fields = line.fields ?? {};
  const text = typeof fields.subject === 'string' ? fields.subject : typeof fields.summary === 'string' ? fields.summary : undefined;
  return text ?? '—';
};

/** A line's kind in the page's words; a refused line's as the sheet wrote it when it names no kind. */
const kindOf = (lang: Lang, line: CheckedLine) => {
  const kind = line.status === 'pending' ? line.kind : line.status === 'dispute' ? 'dispute' : line.fields?.kind;
  return typeof kind === 'string' && (instructionKinds as readonly string[]).includes(kind) ? t(lang, `instructionKind.${kind as InstructionKind}`) : String(kind ?? '—');
};

/**
 * What batch the confirmation writes: its title, and the deadline of the instructions it dispatches (a dispute line
 * filed as a case has its case's clocks instead) in the county's time as the pages write deadlines, counted from now
 * since their clocks start when it is confirmed.
 */
function BatchAbout({ frame, title, feedbackWithin, now, dispatching }: { frame: Frame; title?: string; feedbackWithin: string; now: Date; dispatching: boolean }) {
  const { lang, utcOffset } = frame;
  const withinMs = durationToMs(feedbackWithin);
  const dueAt = new Date(now.getTime() + withinMs).toISOString();
  return (
    <dl class="summary" data-testid="batch-preview-about">
      <dt>{tField(lang, 'title')}</dt>
      <dd data-about="title">{title ?? t(lang, 'batch.untitled')}</dd>
      {dispatching ? (
        <>
          <dt>{t(lang, 'batch.dueAt')}</dt>
          <dd data-about="due">
            <time datetime={dueAt}>{t(lang, 'time.due', { at: formatDeadline(dueAt, utcOffset) })}</time>
            <span class="hint">{t(lang, 'batch.previewDueHint', { within: timeSpan(lang, withinMs) })}</span>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Every line of an uploaded sheet with what would become of it, before anything is written (GOV.UK's "check answers"
 * before an irreversible step). The lines go back in a hidden field rather than into a stored draft: the confirmation
 * reads them again through the same checks as any upload, so a field changed in between can do no more than a new
 * upload could, and no draft is left to expire or to clean up when a supervisor walks away. The batch ID made with the
 * form rides along, so confirming twice writes one batch.
 */
export function BatchPreviewPage({ frame, batchId, options, feedbackWithin, now, lines, checked }: BatchPreviewProps) {
  const { lang } = frame;
  const count = (status: CheckedLine['status']) => checked.filter((line) => line.status === status).length;
  const writable = count('pending') + count('dispute');
  return (
    <Layout frame={frame} title={t(lang, 'batch.previewTitle')}>
      <div class="wide">
        <BatchAbout frame={frame} title={options.title} feedbackWithin={feedbackWithin} now={now} dispatching={count('pending') > 0} />
        <p class="lead" data-testid="batch-preview-summary">
          {t(lang, 'batch.previewLead', { lines: checked.length, accepted: count('pending'), filed: count('dispute'), rejected: count('rejected') })}
        </p>
        <table class="board" data-testid="batch-preview">
          <thead>
            <tr>
              <th scope="col">{t(lang, 'batch.line')}</th>
              <th scope="col">{tField(lang, 'kind')}</th>
              <th scope="col">{tField(lang, 'subject')}</th>
              <th scope="col">{tField(lang, 'assignee')}</th>
              <th scope="col">{t(lang, 'batch.result')}</th>
            </tr>
          </thead>
          <tbody>
            {checked.map((line) => (
              <tr data-line={line.line} data-result={line.status}>
                <th scope="row" data-label={t(lang, 'batch.line')}>
                  {t(lang, 'batch.lineN', { n: line.line })}
                </th>
                <td data-label={tField(lang, 'kind')}>{kindOf(lang, line)}</td>
                <td data-label={tField(lang, 'subject')}>{subjectOf(line)}</td>
                <td data-label={tField(lang, 'assignee')}>
                  {line.status === 'pending'
                    ? `${line.assignee.name}${line.assignee.jurisdictionName ? (lang === 'en' ? ` (${line.assignee.jurisdictionName})` : `（${line.assignee.jurisdictionName}）`) : ''}`
                    : String(line.fields?.assignee ?? line.fields?.assigneeId ?? '—')}
                </td>
                <td data-label={t(lang, 'batch.result')}>
                  {line.status === 'rejected' ? (
                    <>
                      <span class="mark breached">{t(lang, 'batch.willReject')}</span>
                      {line.errors.map((error) => (
                        <p class="field-error">{error.message}</p>
                      ))}
                    </>
                  ) : (
                    <span class="mark">{t(lang, line.status === 'pending' ? 'batch.willDispatch' : 'batch.willFile')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {writable ? (
          <form method="post" action="/batches/confirm" data-testid="batch-confirm">
            <input type="hidden" name="lang" value={lang} />
            <input type="hidden" name="batchId" value={batchId} />
            <input type="hidden" name="title" value={options.title ?? ''} />
            <input type="hidden" name="feedbackWithin" value={options.feedbackWithin ?? ''} />
            <input type="hidden" name="lines" value={JSON.stringify(lines)} />
            <div class="actions">
              <button type="submit">{t(lang, 'batch.confirm')}</button> <a href="/batches">{t(lang, 'batch.uploadAgain')}</a>
            </div>
          </form>
        ) : (
          <p>
            {t(lang, 'batch.confirmNone')} <a href="/batches">{t(lang, 'batch.uploadAgain')}</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
