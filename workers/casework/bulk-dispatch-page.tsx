import { t, type FieldError } from '../i18n/messages';
import { refusalWords } from '../i18n/refusals';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import type { DispatchResult } from './bulk-dispatch';

/** One case's answer in the page's words: to whom it went, or why not. */
function outcomeWords(frame: Frame, { answer }: DispatchResult, mediatorName: string): string {
  const { lang } = frame;
  switch (answer.kind) {
    case 'taken':
      return t(lang, 'board.bulkDispatched', { name: mediatorName });
    case 'notFound':
      return t(lang, 'board.bulkRefused', { reason: t(lang, 'board.bulkNotFound') });
    case 'forbidden':
    case 'refused':
      return t(lang, 'board.bulkRefused', { reason: refusalWords(lang, answer.refusal) });
    case 'invalid':
      return t(lang, 'board.bulkRefused', { reason: t(lang, 'board.bulkMediatorUnknown') });
    case 'unavailable':
      return t(lang, 'board.bulkRefused', { reason: t(lang, answer.maybeTaken ? 'board.bulkMaybeTaken' : 'board.bulkUnavailable') });
  }
}

/** The page after a bulk dispatch: each ticked case answered on its own line, then the way back to the board. */
export function BulkDispatchPage({
  frame,
  results,
  mediatorName,
  errors,
  back,
}: {
  frame: Frame;
  results: readonly DispatchResult[];
  mediatorName: string;
  errors: readonly FieldError[];
  back: string;
}) {
  const { lang } = frame;
  const dispatched = results.filter((result) => result.answer.kind === 'taken').length;
  return (
    <Layout frame={frame} title={t(lang, 'board.bulkTitle')}>
      <ErrorSummary lang={lang} errors={errors} />
      {results.length ? (
        <>
          <p role="status" data-testid="bulk-summary">
            {t(lang, 'board.bulkSummary', { dispatched, refused: results.length - dispatched })}
          </p>
          <ul class="bulk-results" data-testid="bulk-results">
            {results.map((result) => (
              <li data-case-id={result.caseId} data-result={result.answer.kind === 'taken' ? 'dispatched' : 'refused'}>
                {result.caseNumber ? <a href={`/cases/${result.caseId}`}>{result.caseNumber}</a> : <span>{result.caseId}</span>}
                {t(lang, 'board.bulkSeparator')}
                {result.answer.kind === 'taken' ? <strong>{outcomeWords(frame, result, mediatorName)}</strong> : <span class="late">{outcomeWords(frame, result, mediatorName)}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={`/board${back}`}>{t(lang, 'board.backToBoard')}</a>
      </p>
    </Layout>
  );
}
