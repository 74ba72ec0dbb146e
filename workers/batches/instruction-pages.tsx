import { feedbackClockOf } from '../../domain/batch-clocks';
import { instructionFeedbackSchema } from '../../schemas/batch';
import { ClockList } from '../cases/clock-marks';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';
import { SchemaFields } from '../kit/schema-form';
import type { InstructionRow } from '../../db/queries/batches';
import type { listInstructionsFor } from './batch-view';
import type { OwnInstruction } from './instruction-feedback';

type ListedInstruction = Awaited<ReturnType<typeof listInstructionsFor>>['rows'][number];
type FoundInstruction = Extract<OwnInstruction, { kind: 'found' }>['found'];
/** What these pages show of a line: a listed one and one read alone both have it. */
type InstructionLine = Pick<InstructionRow, 'kind' | 'payload' | 'status' | 'dueAt' | 'overdueAt' | 'feedbackAt' | 'feedback'>;

/** What a line asks checked, and the dispatcher's note, as the batch carried them (schemas/batch.ts instructionLineSchema). */
export const subjectOf = (line: Pick<InstructionRow, 'payload'>) => String(line.payload.subject ?? '');
const noteOf = (line: Pick<InstructionRow, 'payload'>) => (typeof line.payload.note === 'string' ? line.payload.note : undefined);

/** Where the line stands in time: its clock in the words of a case's, or that it waits to be dispatched. */
function LineClock({ frame, line, now }: { frame: Frame; line: InstructionLine; now: Date }) {
  const clock = feedbackClockOf(line);
  return clock ? <ClockList frame={frame} clocks={[clock]} now={now} /> : <p class="muted">{t(frame.lang, 'instructions.notDispatched')}</p>;
}

/** What the line is (its kind, its batch) and what the dispatcher added. */
function About({ lang, line, batchTitle }: { lang: Lang; line: InstructionLine; batchTitle: string | null }) {
  const note = noteOf(line);
  return (
    <>
      <div class="muted">
        {line.kind ? t(lang, 'instructions.kind', { kind: t(lang, `instructionKind.${line.kind}`) }) : null} · {t(lang, 'instructions.batch', { title: batchTitle ?? t(lang, 'batch.untitled') })}
      </div>
      {note ? <p>{t(lang, 'instructions.note', { note })}</p> : null}
    </>
  );
}

/** The answer given and when, in the reader's local time. */
function Answered({ frame, line }: { frame: Frame; line: InstructionLine }) {
  return (
    <div data-testid="answer">
      <p>{line.feedback}</p>
      <p class="muted">
        <time datetime={line.feedbackAt ?? undefined}>{t(frame.lang, 'instructions.answeredAt', { at: formatDeadline(line.feedbackAt!, frame.utcOffset) })}</time>
      </p>
    </div>
  );
}

export interface InstructionListProps {
  frame: Frame;
  rows: readonly ListedInstruction[];
  nextCursor: string | null;
  now: Date;
  /** The subject of the line just answered, said at the top. */
  recorded?: string;
}

/**
 * "My instructions": what is still to answer, the nearest deadline first and its state in words, each a link to its
 * answer form; below, what was answered and when. A page of the list holds the open lines before the answered ones.
 */
export function InstructionListPage({ frame, rows, nextCursor, now, recorded }: InstructionListProps) {
  const { lang } = frame;
  const open = rows.filter((row) => !row.feedbackAt);
  const answered = rows.filter((row) => row.feedbackAt);
  return (
    <Layout frame={frame} title={t(lang, 'instructions.title')}>
      {recorded !== undefined ? (
        <p class="notice success" role="status" data-testid="recorded">
          {t(lang, 'instructions.recorded', { subject: recorded })}
        </p>
      ) : null}
      <p class="lead">{t(lang, 'instructions.lead')}</p>
      <section aria-labelledby="open-title">
        <h2 id="open-title">{t(lang, 'instructions.openTitle', { count: open.length })}</h2>
        {open.length ? (
          <ul class="cards" data-testid="open-instructions">
            {open.map((row) => (
              <li data-instruction={row.instructionId} data-state={row.state}>
                <strong>{subjectOf(row)}</strong>
                <About lang={lang} line={row} batchTitle={row.batchTitle} />
                <LineClock frame={frame} line={row} now={now} />
                <a class="button" href={`/instructions/${row.instructionId}`} aria-label={t(lang, 'instructions.answerLinkOf', { subject: subjectOf(row) })}>
                  {t(lang, 'instructions.answerLink')}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'instructions.openNone')}</p>
        )}
      </section>
      <section aria-labelledby="answered-title">
        <h2 id="answered-title">{t(lang, 'instructions.answeredTitle', { count: answered.length })}</h2>
        {answered.length ? (
          <ul class="cards" data-testid="answered-instructions">
            {answered.map((row) => (
              <li data-instruction={row.instructionId} data-state={row.state}>
                <strong>{subjectOf(row)}</strong> <span class="tag">{t(lang, 'instructionStatus.answered')}</span>
                <About lang={lang} line={row} batchTitle={row.batchTitle} />
                <Answered frame={frame} line={row} />
              </li>
            ))}
          </ul>
        ) : (
          <p>{t(lang, 'instructions.answeredNone')}</p>
        )}
      </section>
      {nextCursor ? (
        <nav class="pager" aria-label={t(lang, 'instructions.more')}>
          <a class="button secondary" href={`/instructions?cursor=${encodeURIComponent(nextCursor)}`} rel="next">
            {t(lang, 'instructions.more')}
          </a>
        </nav>
      ) : null}
    </Layout>
  );
}

export interface InstructionPageProps {
  frame: Frame;
  found: FoundInstruction;
  now: Date;
  /** What was typed, when the form comes back: nothing typed is lost. */
  values?: { feedback?: string };
  errors?: readonly FieldError[];
}

/**
 * One instruction on one phone screen: what to check, how long is left, and the answer form (a plain POST, no script
 * needed). An answered one shows its answer; the form comes back beside it only for an answer just refused.
 */
export function InstructionPage({ frame, found, now, values, errors = [] }: InstructionPageProps) {
  const { lang } = frame;
  const line = found.instruction;
  const id = line.id;
  const asking = !line.feedbackAt || values !== undefined;
  return (
    <Layout frame={frame} title={subjectOf(line)}>
      <ErrorSummary lang={lang} errors={errors} />
      <About lang={lang} line={line} batchTitle={found.batchTitle} />
      {line.feedbackAt ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">{t(lang, 'instructions.yourAnswer')}</h2>
          <Answered frame={frame} line={line} />
        </section>
      ) : (
        <LineClock frame={frame} line={line} now={now} />
      )}
      {asking ? (
        <form method="post" action={`/instructions/${id}`} data-testid="answer-form">
          <input type="hidden" name="lang" value={lang} />
          <SchemaFields schema={instructionFeedbackSchema} context={{ lang, values: values ?? {}, errors: [...errors] }} />
          <div class="actions">
            <button type="submit">{t(lang, 'instructions.submit')}</button>
          </div>
        </form>
      ) : null}
      <p>
        <a href="/instructions">{t(lang, 'instructions.back')}</a>
      </p>
    </Layout>
  );
}
