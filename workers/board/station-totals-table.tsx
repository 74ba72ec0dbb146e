import { t, type Lang } from '../i18n/messages';
import type { StationTotals } from '../cases/station-totals';
import { boardQuery } from './board-filters';

/**
 * The county board's totals by station over every page of its filter, so a county supervisor reads which station
 * holds what without paging; each station leads to the same board narrowed to it.
 */
export function StationTotalsTable({ lang, totals, values }: { lang: Lang; totals: StationTotals; values: Readonly<Record<string, string>> }) {
  if (!totals.length) return null;
  const sum = (pick: (row: StationTotals[number]) => number) => totals.reduce((total, row) => total + pick(row), 0);
  return (
    <section aria-labelledby="station-totals">
      <h2 id="station-totals">{t(lang, 'board.totals')}</h2>
      <p class="hint">{t(lang, 'board.totalsNote')}</p>
      <table class="totals" data-testid="station-totals">
        <thead>
          <tr>
            <th scope="col">{t(lang, 'board.station')}</th>
            <th scope="col">{t(lang, 'board.totalsCases')}</th>
            <th scope="col">{t(lang, 'board.totalsOverdue')}</th>
          </tr>
        </thead>
        <tbody>
          {totals.map((row) => (
            <tr data-station={row.code}>
              <th scope="row">
                <a href={`/board${boardQuery(values, { jurisdiction: row.code, cursor: undefined })}`}>{row.name}</a>
              </th>
              <td class="number" data-total="cases">{row.cases}</td>
              <td class="number" data-total="overdue">{row.overdue}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t(lang, 'board.totalsAll')}</th>
            <td data-total="cases">{sum((row) => row.cases)}</td>
            <td data-total="overdue">{sum((row) => row.overdue)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
