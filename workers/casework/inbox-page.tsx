import { feedbackClockOf } from '../../domain/batch-clocks';
import { formatLocal } from '../../domain/clocks/local-time';
import type { instructionsToAnswerSoonOf, noticesWithEvents } from '../../db/queries/notifications';
import { readListedClock } from '../../domain/clocks/clock-reading';
import { ClockList } from '../cases/clock-marks';
import { hasMessage, t, type MessageKey } from '../i18n/messages';
import { eventDetails, eventTitle } from '../cases/event-words';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

type Notice = Awaited<ReturnType<typeof noticesWithEvents>>[number];
type Urgent = Awaited<ReturnType<typeof instructionsToAnswerSoonOf>>[number];

/** The instructions near or past their deadline, each with its clock in words and a way to its answer form. */
function UrgentInstructions({ frame, urgent, now }: { frame: Frame; urgent: readonly Urgent[]; now: Date }) {
  const { lang } = frame;
  if (!urgent.length) return null;
  return (
    <section aria-labelledby="urgent-instructions">
      <h2 id="urgent-instructions">{t(lang, 'instructions.inboxTitle', { count: urgent.length })}</h2>
      <p>{t(lang, 'instructions.inboxLead')}</p>
      <ul class="cards" data-testid="urgent-instructions">
        {urgent.map(({ instruction, batchTitle, subject }) => {
          const clock = feedbackClockOf(instruction);
          return (
            <li data-instruction={instruction.id} data-state={clock ? readListedClock(clock, false, now.getTime()).state : undefined}>
              <a class="card-link" href={`/instructions/${instruction.id}`}>
                {subject ?? t(lang, 'instructions.answerLink')}
              </a>
              <div class="muted">{t(lang, 'instructions.batch', { title: batchTitle ?? t(lang, 'batch.untitled') })}</div>
              {clock ? <ClockList frame={frame} clocks={[clock]} now={now} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The inbox: the instructions to answer soon on top, then the notifications newest first, the unread marked in words
 * and by a bar, each marked read by a small form of its own.
 */
export function InboxPage({ frame, notices, names, urgent, marked, now }: { frame: Frame; notices: readonly Notice[]; names: ReadonlyMap<string, string>; urgent: readonly Urgent[]; marked: boolean; now: Date }) {
  const { lang, utcOffset } = frame;
  const ask = (kind: string) => `inbox.ask.${kind}`;
  return (
    <Layout frame={frame} title={t(lang, 'inbox.title')}>
      {marked ? (
        <p class="notice success" role="status">
          {t(lang, 'inbox.marked')}
        </p>
      ) : null}
      <UrgentInstructions frame={frame} urgent={urgent} now={now} />
      <p class="lead">{t(lang, 'inbox.lead')}</p>
      {notices.length ? (
        <ul class="cards" data-testid="inbox">
          {notices.map((notice) => (
            <li class={notice.readAt ? undefined : 'unread'} data-notification={notice.id} data-read={notice.readAt ? '1' : '0'}>
              <span class={notice.readAt ? 'tag' : 'mark warning'}>{t(lang, notice.readAt ? 'inbox.read' : 'inbox.unread')}</span>{' '}
              <strong>{eventTitle(lang, { type: notice.kind, detail: notice.detail ?? {} })}</strong>
              <div>
                <a href={`/cases/${notice.caseId}`}>{notice.caseNumber}</a> · <span class="muted">{t(lang, `inbox.audience.${notice.audience}`)}</span> ·{' '}
                <time datetime={notice.createdAt}>{formatLocal(notice.createdAt, utcOffset)}</time>
                {notice.actor && notice.actor !== 'system' ? <> · {t(lang, 'event.by', { name: names.get(notice.actor) ?? notice.actor })}</> : null}
              </div>
              {eventDetails({ type: notice.kind, detail: notice.detail ?? {} }, { lang, utcOffset, names }).map((line) => (
                <div class="event-detail">{line}</div>
              ))}
              {notice.reason ? <div>{notice.reason}</div> : null}
              {hasMessage(ask(notice.kind)) ? <p class="hint">{t(lang, ask(notice.kind) as MessageKey)}</p> : null}
              {notice.readAt ? null : (
                <form method="post" action={`/inbox/${notice.id}/read`}>
                  <input type="hidden" name="lang" value={lang} />
                  <button type="submit" class="secondary" aria-label={t(lang, 'inbox.markReadOf', { caseNumber: notice.caseNumber })}>
                    {t(lang, 'inbox.markRead')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'inbox.empty')}</p>
      )}
    </Layout>
  );
}
