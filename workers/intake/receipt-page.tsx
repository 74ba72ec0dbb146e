import { t } from '../i18n/messages';
import type { CaseView } from '../cases/case-view';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';

/** `joined`: the intake was the same dispute as this earlier case and joined it; the filer must not take it for a new one. */
export function ReceiptPage({ frame, view, joined = false }: { frame: Frame; view: CaseView; joined?: boolean }) {
  const { lang, utcOffset } = frame;
  const firstContact = view.deadlines.firstContact;
  return (
    <Layout frame={frame} title={t(lang, 'page.receiptTitle')}>
      {joined ? (
        <div class="notice important" role="status" data-testid="joined-case">
          <h2>{t(lang, 'page.receiptJoinedTitle')}</h2>
          <p>{t(lang, 'page.joinedCase', { caseNumber: view.caseNumber })}</p>
        </div>
      ) : (
        <p class="notice success" role="status" data-testid="new-case">
          {t(lang, 'page.receiptNewCase')}
        </p>
      )}
      <dl class="summary">
        <dt>{t(lang, 'page.caseNumber')}</dt>
        <dd data-testid="case-number">{view.caseNumber}</dd>
        <dt>{t(lang, 'page.status')}</dt>
        <dd>{t(lang, `status.${view.status}`)}</dd>
        <dt>{t(lang, 'category')}</dt>
        <dd>{t(lang, `category.${view.category}`)}</dd>
        <dt>{t(lang, 'page.address')}</dt>
        <dd>{view.where.address}</dd>
        {firstContact ? (
          <>
            <dt>{t(lang, 'page.firstContactDue')}</dt>
            <dd>{formatDeadline(firstContact, utcOffset)}</dd>
          </>
        ) : null}
      </dl>
      {firstContact && !joined ? <p>{t(lang, 'page.receiptNextStep', { due: formatDeadline(firstContact, utcOffset) })}</p> : null}
      <div class="actions">
        <a class="button" href={`/intake/${view.channel}`}>
          {t(lang, 'page.newIntake')}
        </a>
        <a href="/filings">{t(lang, 'page.myFilingsLink')}</a>
      </div>
    </Layout>
  );
}
