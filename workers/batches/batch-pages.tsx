import { instructionFigures } from '../../domain/figures';
import { checkKinds, maxBatchLines } from '../../schemas/batch';
import { t, tField, type FieldError, type Lang } from '../i18n/messages';
import type { BatchSummary, BatchView } from './batch-view';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';
import { percent } from '../kit/percent';
import { fieldId } from '../kit/schema-form';
import type { DirectoryEntry } from './assignee-directory';
import { BatchTemplates } from './batch-directory';
import { lineErrorWords } from './line-errors';

/** How long an instruction's feedback may take, in words a dispatcher picks from; blank is the SLA policy's. */
export const feedbackChoices = ['PT12H', 'P1D', 'P2D', 'P3D', 'P7D'] as const;

export interface BatchFormProps {
  frame: Frame;
  values: { title?: string; feedbackWithin?: string; csv?: string };
  errors: readonly FieldError[];
  batchId: string;
  /** The policy's feedback time, as the blank choice says it. */
  defaultFeedback: string;
  /** The latest batches of the reader's jurisdiction, newest first. */
  recent: readonly BatchSummary[];
  /** The people the sheet may name, listed beside the templates. */
  people: readonly DirectoryEntry[];
}

const recentCounts = ['lines', 'rejected', 'dispatched', 'feedbackReceived', 'overdue'] as const;

/** The latest batches, each with its counts and a link to follow it. */
function RecentBatches({ frame, recent }: { frame: Frame; recent: readonly BatchSummary[] }) {
  const { lang, utcOffset } = frame;
  return (
    <section aria-labelledby="recent-batches">
      <h2 id="recent-batches">{t(lang, 'batch.recentTitle')}</h2>
      {recent.length === 0 ? (
        <p>{t(lang, 'batch.recentNone')}</p>
      ) : (
        <table class="board" data-testid="recent-batches">
          <thead>
            <tr>
              <th scope="col">{tField(lang, 'title')}</th>
              <th scope="col">{t(lang, 'batch.recentCreated')}</th>
              {recentCounts.map((name) => (
                <th scope="col">{t(lang, `batch.count.${name}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {recent.map((batch) => (
              <tr>
                <th scope="row">
                  <a href={`/batches/${encodeURIComponent(batch.id)}`}>{batch.title ?? batch.id}</a> <span class="tag">{t(lang, `batchStatus.${batch.status}`)}</span>
                </th>
                <td data-label={t(lang, 'batch.recentCreated')}>
                  <time datetime={batch.createdAt}>{formatDeadline(batch.createdAt, utcOffset)}</time>
                </td>
                {recentCounts.map((name) => (
                  <td data-label={t(lang, `batch.count.${name}`)}>{batch.counts[name]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const exampleCsv = `类别,承办人,承办人辖区,承办人编号,核查对象,说明
人口核查,王网格员,,,白乐桥村 12 号 出租房人口核查,
反诈走访,,,demo-mediator-ly,灵隐路 3 号 独居老人反诈走访,带宣传册`;

function FieldErrorText({ lang, errors, field }: { lang: Lang; errors: readonly FieldError[]; field: string }) {
  const error = errors.find((item) => item.field === field);
  if (!error) return null;
  return (
    <p class="field-error" id={`${fieldId(field)}-error`}>
      <span class="visually-hidden">{t(lang, 'page.errorPrefix')}</span>
      {error.message}
    </p>
  );
}

/** Upload a batch of verification instructions as CSV: a file from the station PC, or the lines pasted in. */
export function BatchFormPage({ frame, values, errors, batchId, defaultFeedback, recent, people }: BatchFormProps) {
  const { lang } = frame;
  const invalid = (field: string) => errors.some((error) => error.field === field);
  return (
    <Layout frame={frame} title={t(lang, 'batch.uploadTitle')}>
      <ErrorSummary lang={lang} errors={errors} />
      <p class="lead">{t(lang, 'batch.uploadLead', { max: maxBatchLines })}</p>
      <form method="post" action="/batches" enctype="multipart/form-data" data-testid="batch-form">
        <input type="hidden" name="batchId" value={batchId} />
        <div class={invalid('title') ? 'field invalid' : 'field'}>
          <label for={fieldId('title')}>
            {tField(lang, 'title')}
            <small> ({t(lang, 'page.optional')})</small>
          </label>
          <FieldErrorText lang={lang} errors={errors} field="title" />
          <input type="text" id={fieldId('title')} name="title" value={values.title ?? ''} maxlength={100} aria-invalid={invalid('title') ? 'true' : undefined} />
        </div>
        <div class={invalid('feedbackWithin') ? 'field invalid' : 'field'}>
          <label for={fieldId('feedbackWithin')}>{tField(lang, 'feedbackWithin')}</label>
          <FieldErrorText lang={lang} errors={errors} field="feedbackWithin" />
          <select id={fieldId('feedbackWithin')} name="feedbackWithin">
            <option value="">{t(lang, 'batch.policyFeedback', { within: defaultFeedback })}</option>
            {feedbackChoices.map((choice) => (
              <option value={choice} selected={values.feedbackWithin === choice}>
                {t(lang, `batch.within.${choice}`)}
              </option>
            ))}
          </select>
        </div>
        <div class={invalid('file') ? 'field invalid' : 'field'}>
          <label for={fieldId('file')}>{tField(lang, 'file')}</label>
          <span class="hint" id={`${fieldId('file')}-hint`}>
            {t(lang, 'batch.fileHint')}
          </span>
          <FieldErrorText lang={lang} errors={errors} field="file" />
          <input type="file" id={fieldId('file')} name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-describedby={`${fieldId('file')}-hint`} />
        </div>
        <div class={invalid('csv') ? 'field invalid' : 'field'}>
          <label for={fieldId('csv')}>{tField(lang, 'csv')}</label>
          <span class="hint" id={`${fieldId('csv')}-hint`}>
            {t(lang, 'batch.csvHint')}
          </span>
          <FieldErrorText lang={lang} errors={errors} field="csv" />
          <textarea id={fieldId('csv')} name="csv" rows={8} spellcheck={false} aria-describedby={`${fieldId('csv')}-hint`} aria-invalid={invalid('csv') ? 'true' : undefined}>
            {values.csv ?? ''}
          </textarea>
        </div>
        <details class="definitions">
          <summary>{t(lang, 'batch.formatTitle')}</summary>
          <p>{t(lang, 'batch.formatText')}</p>
          <ul>
            {checkKinds.map((kind) => (
              <li>
                <code>{kind}</code> {t(lang, `instructionKind.${kind}`)}
              </li>
            ))}
            <li>
              <code>dispute</code> {t(lang, 'batch.disputeLine')}
            </li>
          </ul>
          <pre>{exampleCsv}</pre>
        </details>
        <div class="actions">
          <button type="submit">{t(lang, 'batch.upload')}</button>
        </div>
      </form>
      <BatchTemplates lang={lang} people={people} />
      <RecentBatches frame={frame} recent={recent} />
    </Layout>
  );
}

/** What a line is about as the sheet wrote it, so a garbled or wrong subject is seen: an instruction's subject, a dispute's summary. */
const subjectOfPayload = (payload: Record<string, unknown>) =>
  typeof payload.subject === 'string' ? payload.subject : typeof payload.summary === 'string' ? payload.summary : '—';

function Progress({ lang, name, part, whole }: { lang: Lang; name: string; part: number; whole: number }) {
  return (
    <div class="progress-row" data-count={name}>
      <span class="label">{t(lang, `batch.count.${name}` as Parameters<typeof t>[1])}</span>
      <progress max={Math.max(whole, 1)} value={part} aria-label={t(lang, `batch.count.${name}` as Parameters<typeof t>[1])} />
      <span class="count">{t(lang, 'batch.partOf', { part, whole })}</span>
    </div>
  );
}

/** A batch as its dispatcher follows it: what was taken and refused (each refused line with why), dispatched, answered, late. */
export function BatchPage({ frame, view, assignees, refreshSeconds }: { frame: Frame; view: BatchView; assignees: ReadonlyMap<string, string>; refreshSeconds?: number }) {
  const { lang, utcOffset } = frame;
  const { counts } = view;
  const rejected = view.lines.filter((line) => line.status === 'rejected');
  return (
    <Layout frame={frame} title={view.title ?? t(lang, 'batch.untitled')} refreshSeconds={refreshSeconds}>
      <div class="wide">
        <p class="lead" data-testid="batch-status">
          <span class="tag">{t(lang, `batchStatus.${view.status}`)}</span> {t(lang, 'batch.createdAt', { at: formatDeadline(view.createdAt, utcOffset) })}
        </p>
        {refreshSeconds ? (
          <p class="muted" role="status">
            {t(lang, 'batch.refreshing', { seconds: refreshSeconds })} <a href={`/batches/${encodeURIComponent(view.id)}`}>{t(lang, 'batch.refreshNow')}</a>
          </p>
        ) : null}
        <section aria-labelledby="progress-title" data-testid="batch-counts">
          <h2 id="progress-title">{t(lang, 'batch.progress')}</h2>
          <dl class="figures">
            {(['lines', 'accepted', 'rejected', 'casesFiled', 'dispatched', 'feedbackReceived', 'overdue'] as const).map((name) => (
              <div data-count={name}>
                <dt>{t(lang, `batch.count.${name}`)}</dt>
                <dd>
                  <span class="figure">{String(counts[name])}</span>
                </dd>
              </div>
            ))}
          </dl>
          <Progress lang={lang} name="dispatched" part={counts.dispatched} whole={counts.accepted - counts.casesFiled} />
          <Progress lang={lang} name="feedbackReceived" part={counts.feedbackReceived} whole={counts.dispatched} />
          <p data-testid="feedback-rate">
            <strong>{t(lang, 'batch.feedbackRate', { rate: percent(instructionFigures({ issued: counts.dispatched, answered: counts.feedbackReceived }).feedbackRate) })}</strong>
          </p>
        </section>
        {rejected.length ? (
          <section aria-labelledby="rejected-title" data-testid="rejected-lines">
            <h2 id="rejected-title">{t(lang, 'batch.rejectedTitle', { count: rejected.length })}</h2>
            <ul class="cards">
              {rejected.map((line) => (
                <li data-line={line.line}>
                  <strong>{t(lang, 'batch.lineN', { n: line.line })}</strong>
                  {(line.errors ?? []).map((error) => (
                    <p class="field-error">{lineErrorWords(lang, error)}</p>
                  ))}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="lines-title">
          <h2 id="lines-title">{t(lang, 'batch.linesTitle')}</h2>
          <table class="board">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'batch.line')}</th>
                <th scope="col">{tField(lang, 'kind')}</th>
                <th scope="col">{tField(lang, 'subject')}</th>
                <th scope="col">{t(lang, 'page.status')}</th>
                <th scope="col">{tField(lang, 'assigneeId')}</th>
                <th scope="col">{t(lang, 'batch.dueAt')}</th>
                <th scope="col">{t(lang, 'batch.feedback')}</th>
              </tr>
            </thead>
            <tbody>
              {view.lines.map((line) => (
                <tr data-line={line.line} data-status={line.status}>
                  <th scope="row" data-label={t(lang, 'batch.line')}>
                    {String(line.line)}
                  </th>
                  <td data-label={tField(lang, 'kind')}>{line.kind ? t(lang, `instructionKind.${line.kind}`) : '—'}</td>
                  <td data-label={tField(lang, 'subject')}>{subjectOfPayload(line.payload)}</td>
                  <td data-label={t(lang, 'page.status')}>
                    <span class={line.status === 'overdue' || line.status === 'rejected' ? 'mark breached' : 'mark'}>{t(lang, `instructionStatus.${line.status}`)}</span>
                    {line.caseId ? (
                      <>
                        {' '}
                        <a href={`/cases/${line.caseId}`}>{t(lang, 'batch.openCase')}</a>
                      </>
                    ) : null}
                  </td>
                  <td data-label={tField(lang, 'assigneeId')}>{line.assigneeId ? (assignees.get(line.assigneeId) ?? line.assigneeId) : '—'}</td>
                  <td data-label={t(lang, 'batch.dueAt')}>{line.dueAt ? <time datetime={line.dueAt}>{formatDeadline(line.dueAt, utcOffset)}</time> : '—'}</td>
                  <td data-label={t(lang, 'batch.feedback')}>
                    {line.feedback ?? '—'}
                    {line.feedbackAt && line.assigneeId ? (
                      <div class="muted" data-testid="answered-by">
                        {t(lang, 'batch.answeredBy', { name: assignees.get(line.assigneeId) ?? line.assigneeId, at: formatDeadline(line.feedbackAt, utcOffset) })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <p>
          <a href="/batches">{t(lang, 'batch.another')}</a>
        </p>
      </div>
    </Layout>
  );
}
