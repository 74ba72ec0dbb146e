import type { deadLettersKeptBy } from './dead-letters';
import { t } from '../i18n/messages';
import type { ResendOutcome } from '../i18n/admin-policy.zh-CN';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';

export type DeadLetterRow = Awaited<ReturnType<typeof deadLettersKeptBy>>[number];

function Subject({ frame, letter }: { frame: Frame; letter: DeadLetterRow }) {
  const { lang } = frame;
  if (letter.caseId) {
    return (
      <a class="case-link" href={`/cases/${encodeURIComponent(letter.caseId)}`}>
        {t(lang, 'deadLetter.case', { number: letter.caseNumber ?? letter.caseId })}
      </a>
    );
  }
  if (letter.batchId) return <a href={`/batches/${encodeURIComponent(letter.batchId)}`}>{t(lang, 'deadLetter.batch', { id: letter.batchId })}</a>;
  return null;
}

function Row({ frame, letter }: { frame: Frame; letter: DeadLetterRow }) {
  const { lang, utcOffset } = frame;
  const id = letter.outboxId;
  return (
    <tr data-dead-letter={String(id)} class="case-row breached">
      <th scope="row" data-label={t(lang, 'deadLetter.messageColumn')}>
        <strong class="block">{t(lang, `deadLetter.kind.${letter.kind}`)}</strong>
        <span class="muted">{t(lang, 'deadLetter.number', { id })}</span>
      </th>
      <td data-label={t(lang, 'deadLetter.subjectColumn')}>
        <Subject frame={frame} letter={letter} />
      </td>
      <td data-label={t(lang, 'deadLetter.reasonColumn')} data-testid="reason">
        <p>{t(lang, `deadLetter.why.${letter.kind}`)}</p>
        <p class="muted wrap-anywhere">
          {t(lang, 'deadLetter.lastError')} <code lang="en">{letter.reason}</code>
        </p>
      </td>
      <td data-label={t(lang, 'deadLetter.attemptsColumn')} class="nowrap">
        {t(lang, 'deadLetter.attempts', { attempts: letter.attempts })}
      </td>
      <td data-label={t(lang, 'deadLetter.timesColumn')}>
        <span class="block">{t(lang, 'deadLetter.createdAt', { at: formatDeadline(letter.createdAt, utcOffset) })}</span>
        <span class="block">{t(lang, 'deadLetter.deadAt', { at: formatDeadline(letter.deadAt, utcOffset) })}</span>
      </td>
      <td data-label={t(lang, 'deadLetter.actionColumn')}>
        <form method="post" action={`/admin/dead-letters/${id}/retry`}>
          <input type="hidden" name="lang" value={lang} />
          <button type="submit" aria-label={t(lang, 'deadLetter.sendAgainNamed', { id })}>
            {t(lang, 'deadLetter.sendAgain')}
          </button>
        </form>
      </td>
    </tr>
  );
}

/** The dead letters an admin keeps, each with what it was for, what it concerns, why it stopped, and a way to send it again. */
export function DeadLettersPage({ frame, letters, sent }: { frame: Frame; letters: readonly DeadLetterRow[]; sent?: { id: number; outcome: ResendOutcome } }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'deadLetter.title')}>
      {sent ? (
        <p class={sent.outcome === 'started' ? 'notice success' : 'notice important'} role="status" data-testid="notice">
          {t(lang, `deadLetter.sent.${sent.outcome}`, { id: sent.id })}
        </p>
      ) : null}
      <p class="lead">{t(lang, 'deadLetter.lead')}</p>
      {letters.length ? (
        <>
          <p>{t(lang, 'deadLetter.count', { count: letters.length })}</p>
          <p class="hint">{t(lang, 'deadLetter.sendAgainHint')}</p>
          <table class="board wide" data-testid="dead-letters">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'deadLetter.messageColumn')}</th>
                <th scope="col">{t(lang, 'deadLetter.subjectColumn')}</th>
                <th scope="col">{t(lang, 'deadLetter.reasonColumn')}</th>
                <th scope="col">{t(lang, 'deadLetter.attemptsColumn')}</th>
                <th scope="col">{t(lang, 'deadLetter.timesColumn')}</th>
                <th scope="col">{t(lang, 'deadLetter.actionColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {letters.map((letter) => (
                <Row frame={frame} letter={letter} />
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <p class="notice success" data-testid="no-dead-letters">
          {t(lang, 'deadLetter.empty')}
        </p>
      )}
    </Layout>
  );
}
