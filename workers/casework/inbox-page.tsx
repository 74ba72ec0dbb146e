import { formatLocal } from '../../domain/clocks/local-time';
import type { notificationsFor } from '../../db/queries/notifications';
import { t, type MessageKey } from '../i18n/messages';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

type Notice = Awaited<ReturnType<typeof notificationsFor>>[number];

/** The inbox: newest first, the unread marked in words and by a bar, each marked read by a small form of its own. */
export function InboxPage({ frame, notices, marked }: { frame: Frame; notices: readonly Notice[]; marked: boolean }) {
  const { lang, utcOffset } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'inbox.title')}>
      {marked ? (
        <p class="notice success" role="status">
          {t(lang, 'inbox.marked')}
        </p>
      ) : null}
      <p class="lead">{t(lang, 'inbox.lead')}</p>
      {notices.length ? (
        <ul class="cards" data-testid="inbox">
          {notices.map((notice) => (
            <li class={notice.readAt ? undefined : 'unread'} data-notification={notice.id} data-read={notice.readAt ? '1' : '0'}>
              <span class={notice.readAt ? 'tag' : 'mark warning'}>{t(lang, notice.readAt ? 'inbox.read' : 'inbox.unread')}</span>{' '}
              <strong>{t(lang, (notice.kind.startsWith('step:') ? `step.${notice.kind.slice(5)}` : `timeline.${notice.kind}`) as MessageKey)}</strong>
              <div>
                <a href={`/cases/${notice.caseId}`}>{notice.caseNumber}</a> · <span class="muted">{t(lang, `inbox.audience.${notice.audience}`)}</span> ·{' '}
                <time datetime={notice.createdAt}>{formatLocal(notice.createdAt, utcOffset)}</time>
              </div>
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
