import { t } from '../i18n/messages';
import type { CaseView } from '../cases/case-view';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';

export interface ReceiptProps {
  frame: Frame;
  view: CaseView;
  /** The page right after the filing: only then does it announce a new case. */
  justFiled?: boolean;
  /** The intake was the same dispute as this earlier case and joined it; the filer must not take it for a new one. */
  joined?: boolean;
  /** The name of the mediator holding the case, once it is dispatched. */
  handlerName?: string;
}

/**
 * What a filer reads of their report, then and later: right after filing, that it was filed (or joined a case); on
 * every visit, where it stands, who handles it, and how it ended, so the grid worker can answer the party who asks.
 */
export function ReceiptPage({ frame, view, justFiled = false, joined = false, handlerName }: ReceiptProps) {
  const { lang, utcOffset } = frame;
  const firstContact = view.deadlines.firstContact;
  return (
    <Layout frame={frame} title={t(lang, 'page.receiptTitle')}>
      {joined ? (
        <div class="notice important" role="status" data-testid="joined-case">
          <h2>{t(lang, 'page.receiptJoinedTitle')}</h2>
          <p>{t(lang, 'page.joinedCase', { caseNumber: view.caseNumber })}</p>
        </div>
      ) : justFiled ? (
        <p class="notice success" role="status" data-testid="new-case">
          {t(lang, 'page.receiptNewCase')}
        </p>
      ) : null}
      <dl class="summary" data-testid="receipt">
        <dt>{t(lang, 'page.caseNumber')}</dt>
        <dd data-testid="case-number">{view.caseNumber}</dd>
        <dt>{t(lang, 'page.status')}</dt>
        <dd data-testid="receipt-status">{t(lang, `status.${view.status}`)}</dd>
        <dt>{t(lang, 'page.receiptHandler')}</dt>
        <dd data-testid="receipt-handler">{handlerName ?? t(lang, view.status === 'queued' || view.status === 'open' ? 'page.receiptNotDispatched' : 'page.receiptNoHandler')}</dd>
        {view.route ? (
          <>
            <dt>{t(lang, 'page.receiptRoute')}</dt>
            <dd>{t(lang, `route.${view.route}`)}</dd>
          </>
        ) : null}
        {view.outcome ? (
          <>
            <dt>{t(lang, 'page.receiptOutcome')}</dt>
            <dd data-testid="receipt-outcome">{t(lang, `outcome.${view.outcome}`)}</dd>
          </>
        ) : null}
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
      {firstContact && justFiled && !joined ? <p>{t(lang, 'page.receiptNextStep', { due: formatDeadline(firstContact, utcOffset) })}</p> : null}
      <div class="actions">
        <a class="button" href={`/intake/${view.channel}`}>
          {t(lang, 'page.newIntake')}
        </a>
        <a href="/filings">{t(lang, 'page.myFilingsLink')}</a>
      </div>
    </Layout>
  );
}
