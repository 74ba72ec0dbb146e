import { t, type Lang } from '../i18n/messages';
import type { CaseView } from '../routes/case-view';
import { offsetMs } from '../../workflows/clocks/local-time';
import { Layout } from './layout';

/** "2026-11-23 24:00"-style local time in the county's offset, which is how the station reads a deadline. */
const formatLocal = (instant: string, utcOffset: string) =>
  `${new Date(Date.parse(instant) + offsetMs(utcOffset)).toISOString().slice(0, 16).replace('T', ' ')} (UTC${utcOffset})`;

export function ReceiptPage({ lang, view, utcOffset }: { lang: Lang; view: CaseView; utcOffset: string }) {
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Layout lang={lang} title={t(lang, 'page.receiptTitle')} switchHref={`/cases/${view.id}/receipt?lang=${other}`}>
      <dl>
        <dt>{t(lang, 'page.caseNumber')}</dt>
        <dd data-testid="case-number">{view.caseNumber}</dd>
        <dt>{t(lang, 'page.status')}</dt>
        <dd>{t(lang, `status.${view.status}`)}</dd>
        <dt>{t(lang, 'category')}</dt>
        <dd>{t(lang, `category.${view.category}`)}</dd>
        {view.deadlines.firstContact ? (
          <>
            <dt>{t(lang, 'page.firstContactDue')}</dt>
            <dd>{formatLocal(view.deadlines.firstContact, utcOffset)}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/intake/${view.channel}?lang=${lang}`}>{t(lang, 'page.newIntake')}</a>
      </p>
    </Layout>
  );
}
