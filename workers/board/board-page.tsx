import { readListedClock } from '../../domain/clocks/clock-reading';
import type { ListedClock } from '../../schemas/case-list';
import { t, type FieldError } from '../i18n/messages';
import type { CaseListRow } from '../cases/case-list';
import { StateMark } from '../cases/clock-marks';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { formatDeadline } from '../kit/local-time';
import { Phone } from '../kit/phone';
import type { QueryForm } from '../kit/query-fields';
import { boardQuery, FilterChips, Filters, foldedFilters, type BoardChoices } from './board-filters';
import type { StationTotals } from '../cases/station-totals';
import { StationTotalsTable } from './station-totals-table';
import { BulkDispatchForm, PickCase } from './bulk-dispatch-form';
import { clockLeft } from './time-left';

export interface BoardProps {
  frame: Frame;
  choices: BoardChoices;
  /** The query as asked, empty fields left out. */
  values: Record<string, string>;
  errors: readonly FieldError[];
  rows: readonly CaseListRow[];
  nextCursor: string | null;
  now: Date;
  /** Present when the board holds more than one station's cases: each row then names its station. */
  totals?: StationTotals;
}

/** The fields in the order the form shows them, so the error summary reads top to bottom like the page. */
const formOrder = ['q', ...foldedFilters, 'sort'];
const inFormOrder = (errors: readonly FieldError[]) => {
  const rank = (field: string) => (formOrder.includes(field) ? formOrder.indexOf(field) : formOrder.length);
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
};

function Clocks({ frame, clocks, paused, now }: { frame: Frame; clocks: readonly ListedClock[]; paused: boolean; now: Date }) {
  const { lang, utcOffset } = frame;
  if (!clocks.length) return <span class="muted">{t(lang, 'board.noOpenClock')}</span>;
  return (
    <ul class="clocks">
      {clocks.map((clock) => {
        const reading = readListedClock(clock, paused, now.getTime());
        const left = clockLeft(reading, lang);
        return (
          <li data-clock={clock.clock} data-state={reading.state}>
            <StateMark lang={lang} state={reading.state} /> <strong>{t(lang, `clock.${clock.clock}`)}</strong>{' '}
            <span class="nowrap">
              {t(lang, 'board.dueAt')} <time datetime={clock.dueAt}>{formatDeadline(clock.dueAt, utcOffset)}</time>
            </span>{' '}
            <span class={left.late ? 'late nowrap' : 'nowrap'}>{left.text}</span>
          </li>
        );
      })}
    </ul>
  );
}

function Row({ frame, row, now, station, pickable }: { frame: Frame; row: CaseListRow; now: Date; station?: string; pickable: boolean }) {
  const { lang } = frame;
  const states = row.clocks.map((clock) => readListedClock(clock, row.paused, now.getTime()).state);
  const worst = states.includes('breached') ? 'breached' : states.includes('warning') ? 'warning' : undefined;
  return (
    <tr class={worst ? `case-row ${worst}` : 'case-row'} data-case-number={row.caseNumber} data-overdue={row.overdue ? '1' : '0'}>
      <th scope="row" data-label={t(lang, 'page.caseNumber')}>
        {pickable ? <PickCase lang={lang} id={row.id} caseNumber={row.caseNumber} /> : null}
        <a href={`/cases/${row.id}`} class="case-link">
          {row.caseNumber}
        </a>
        <span class="tags">
          {row.overdue ? (
            <span class="mark breached" data-mark="overdue">
              <span aria-hidden="true">✖ </span>
              {t(lang, 'board.overdueMark')}
            </span>
          ) : null}
          <span class="tag">{t(lang, `status.${row.status}`)}</span>
          {row.hardCase ? <span class="tag hard">{t(lang, 'board.hardMark')}</span> : null}
        </span>
        <span class="muted block">
          {t(lang, `category.${row.category}`)} · {row.route ? t(lang, `route.${row.route}`) : t(lang, 'board.noRoute')}
        </span>
      </th>
      {station === undefined ? null : (
        <td data-label={t(lang, 'board.station')} class="nowrap" data-station={row.jurisdictionCode}>
          {station}
        </td>
      )}
      <td data-label={t(lang, 'parties')}>
        {row.parties.map((party) => (
          <span class="block">
            {t(lang, 'board.aside', { text: party.name, aside: t(lang, `parties.role.${party.role}`) })}
            {party.phone ? (
              <>
                {' '}
                <Phone number={party.phone} />
              </>
            ) : null}
          </span>
        ))}
        <span class="muted block">{row.address}</span>
      </td>
      <td data-label={t(lang, 'ledger.clocks')}>
        <Clocks frame={frame} clocks={row.clocks} paused={row.paused} now={now} />
      </td>
      <td data-label={t(lang, 'assignee')} class="nowrap">{row.assigneeName ?? row.assigneeId ?? <span class="muted">{t(lang, 'board.unassigned')}</span>}</td>
      <td data-label={t(lang, 'escalation')}>
        {row.escalationLevel > 0 ? (
          <span class="mark escalated" data-escalation={row.escalationLevel}>
            <span aria-hidden="true">▲ </span>
            {t(lang, `board.escalation.${row.escalationLevel as 1 | 2}`)}
          </span>
        ) : (
          <span class="muted">{t(lang, 'board.escalation.0')}</span>
        )}
      </td>
    </tr>
  );
}

/** The supervisor's overdue board: search and filters, the most overdue first, every open clock with its time left. */
export function BoardPage({ frame, choices, values, errors, rows, nextCursor, now, totals }: BoardProps) {
  const { lang } = frame;
  const placeNames = new Map(choices.places.map((place) => [place.code, place.name]));
  // Rows are ticked for a bulk dispatch where there is someone to dispatch to.
  const pickable = rows.length > 0 && choices.mediators.length > 0;
  const stationOf = (row: CaseListRow) => (totals ? (placeNames.get(row.jurisdictionCode) ?? row.jurisdictionCode) : undefined);
  const form: QueryForm = { lang, values, errors };
  const exportQuery = boardQuery(values, { cursor: undefined });
  return (
    <Layout frame={frame} title={t(lang, 'page.supervisorHomeTitle')}>
      <div class="wide">
        <ErrorSummary lang={lang} errors={inFormOrder(errors)} />
        <Filters form={form} choices={choices} />
        <FilterChips lang={lang} values={values} choices={choices} />
        {errors.length ? null : (
          <>
            <div class="results-bar">
              <p role="status" data-testid="result-count">
                {t(lang, rows.length ? (nextCursor ? 'board.countMore' : 'board.count') : 'board.none', { count: rows.length })}
              </p>
              <p class="downloads">
                <a href={`/board.csv${exportQuery}`} download>
                  {t(lang, 'board.downloadCsv')}
                </a>
                <a href={`/board.xlsx${exportQuery}`} download>
                  {t(lang, 'board.downloadXlsx')}
                </a>
              </p>
            </div>
            {pickable ? <BulkDispatchForm lang={lang} choices={choices} back={boardQuery(values)} /> : null}
            {rows.length ? (
              <table class="board" data-testid="board">
                <caption class="visually-hidden">{t(lang, 'page.supervisorHomeTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, 'page.caseNumber')}</th>
                    {totals ? <th scope="col">{t(lang, 'board.station')}</th> : null}
                    <th scope="col">{t(lang, 'parties')}</th>
                    <th scope="col">{t(lang, 'ledger.clocks')}</th>
                    <th scope="col">{t(lang, 'assignee')}</th>
                    <th scope="col">{t(lang, 'escalation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <Row frame={frame} row={row} now={now} station={stationOf(row)} pickable={pickable} />
                  ))}
                </tbody>
              </table>
            ) : null}
            <nav class="paging" aria-label={t(lang, 'board.paging')}>
              {values.cursor ? <a href={`/board${boardQuery(values, { cursor: undefined })}`}>{t(lang, 'board.firstPage')}</a> : null}
              {nextCursor ? (
                <a href={`/board${boardQuery(values, { cursor: nextCursor })}`} rel="next">
                  {t(lang, 'board.nextPage')}
                </a>
              ) : null}
            </nav>
            {totals ? <StationTotalsTable lang={lang} totals={totals} values={values} /> : null}
          </>
        )}
      </div>
    </Layout>
  );
}
