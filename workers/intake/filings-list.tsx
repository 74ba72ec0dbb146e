import { formatLocal } from '../../domain/clocks/local-time';
import { t } from '../i18n/messages';
import type { MyFiling } from './my-filings';
import type { Frame } from '../kit/frame';

/** The filer's cases as cards: number and status first (what they are asked about), then where and when. */
export function FilingsList({ frame, filings }: { frame: Frame; filings: readonly MyFiling[] }) {
  const { lang, utcOffset } = frame;
  if (!filings.length) return <p>{t(lang, 'page.filingsEmpty')}</p>;
  return (
    <ul class="cards" data-testid="filings">
      {filings.map((filing) => (
        <li data-case-number={filing.caseNumber}>
          <a class="card-link" href={`/cases/${filing.id}/receipt`}>
            {filing.caseNumber}
          </a>
          <span class="tag">{t(lang, `status.${filing.status}`)}</span>{' '}
          {filing.joined ? <span class="tag joined">{t(lang, 'page.joinedMark')}</span> : null}
          <dl class="summary">
            <dt>{t(lang, 'page.address')}</dt>
            <dd>{filing.address}</dd>
            <dt>{t(lang, 'category')}</dt>
            <dd>{t(lang, `category.${filing.category}`)}</dd>
            <dt>{t(lang, 'page.channel')}</dt>
            <dd>{t(lang, `channel.${filing.channel}`)}</dd>
            <dt>{t(lang, 'page.filedAt')}</dt>
            <dd>
              <time datetime={filing.reportedAt}>{formatLocal(filing.reportedAt, utcOffset)}</time>
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
