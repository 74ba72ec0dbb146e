import type { Child } from 'hono/jsx';
import { t } from '../i18n/messages';
import type { CaseListRow } from './case-list';
import { ClockList } from './clock-marks';
import type { Frame } from '../kit/frame';

/** A case in a work list: its number (the way in), what marks it, who is involved, where, and every open clock. */
export function CaseCard({ frame, row, now, children }: { frame: Frame; row: CaseListRow; now: Date; children?: Child }) {
  const { lang } = frame;
  return (
    <li data-case-number={row.caseNumber}>
      <a class="card-link" href={`/cases/${row.id}`}>
        {row.caseNumber}
      </a>
      <span class="tag">{t(lang, `status.${row.status}`)}</span>{' '}
      {row.overdue ? <span class="mark breached">{`✖ ${t(lang, 'mark.overdue')}`}</span> : null}{' '}
      {row.escalationLevel > 0 ? <span class="mark escalated">{t(lang, 'mark.escalated', { level: row.escalationLevel })}</span> : null}{' '}
      {row.hardCase ? <span class="mark">{t(lang, 'mark.hard')}</span> : null}{' '}
      {row.paused ? <span class="mark">{t(lang, 'mark.paused')}</span> : null}
      <dl class="summary">
        <dt>{t(lang, 'queue.parties')}</dt>
        <dd>{row.parties.map((party) => `${party.name}（${t(lang, `parties.role.${party.role}`)}）`).join(lang === 'en' ? ', ' : '、')}</dd>
        <dt>{t(lang, 'page.address')}</dt>
        <dd>{row.address}</dd>
        <dt>{t(lang, 'queue.clocks')}</dt>
        <dd>{row.clocks.length ? <ClockList frame={frame} clocks={row.clocks} now={now} paused={row.paused} /> : t(lang, 'queue.noClock')}</dd>
      </dl>
      {children}
    </li>
  );
}
