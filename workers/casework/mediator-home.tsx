import { t } from '../i18n/messages';
import type { CaseListRow } from '../cases/case-list';
import { CaseCard } from '../cases/case-card';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';

/** A mediator's home, "my queue": their unfinished cases, the nearest deadline first, a page at a time. */
export function MediatorHome({ frame, rows, nextCursor, paged, now }: { frame: Frame; rows: readonly CaseListRow[]; nextCursor: string | null; paged: boolean; now: Date }) {
  const { lang } = frame;
  return (
    <Layout frame={frame} title={t(lang, 'page.mediatorHomeTitle')}>
      <p class="lead">{t(lang, 'queue.lead')}</p>
      {rows.length ? (
        <ul class="cards" data-testid="queue">
          {rows.map((row) => (
            <CaseCard frame={frame} row={row} now={now} />
          ))}
        </ul>
      ) : (
        <p>{t(lang, 'queue.empty')}</p>
      )}
      <nav class="pager" aria-label={t(lang, 'queue.more')}>
        {nextCursor ? (
          <a class="button secondary" href={`/queue?cursor=${encodeURIComponent(nextCursor)}`} rel="next">
            {t(lang, 'queue.more')}
          </a>
        ) : null}
        {paged ? <a href="/queue">{t(lang, 'queue.firstPage')}</a> : null}
      </nav>
    </Layout>
  );
}
