import { t, type Lang } from '../i18n/messages';
import { formatLocal } from '../../domain/clocks/local-time';
import type { CaseView } from '../services/case-view';
import { Layout } from './layout';

/** `joined`: the intake was the same dispute as this earlier case and joined it; the filer must not take it for a new one. */
export function ReceiptPage({ lang, view, utcOffset, joined = false }: { lang: Lang; view: CaseView; utcOffset: string; joined?: boolean }) {
  const other = lang === 'en' ? 'zh-CN' : 'en';
  return (
    <Layout lang={lang} title={t(lang, 'page.receiptTitle')} switchHref={`/cases/${view.id}/receipt?lang=${other}${joined ? '&joined=1' : ''}`}>
      {joined ? (
        <p role="status" data-testid="joined-case">
          {t(lang, 'page.joinedCase', { caseNumber: view.caseNumber })}
        </p>
      ) : null}
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
            <dd>{`${formatLocal(view.deadlines.firstContact, utcOffset)} (UTC${utcOffset})`}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/intake/${view.channel}?lang=${lang}`}>{t(lang, 'page.newIntake')}</a>
      </p>
    </Layout>
  );
}
