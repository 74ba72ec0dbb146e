import writeXlsxFile, { type SheetData } from 'write-excel-file/universal';
import { formatLocal, offsetMs } from '../../domain/clocks/local-time';
import type { CaseListFormat, CaseListQuery } from '../../schemas/case-list';
import { csvHeaders, toCsv, type CsvCell } from './csv';
import { t, type Lang, type MessageKey } from '../i18n/messages';
import { formatDeadline } from '../kit/local-time';
import type { CaseListRow } from './case-list';

/**
 * The list as a station files it away: the ledger (台账) as CSV or as a workbook, one row per case, worded in the
 * reader's language, times in the county's local time. Both take the rows exactly as the list shows them, masking
 * included.
 */
interface LedgerContext {
  lang: Lang;
  utcOffset: string;
  /** What the file holds, for its name: the jurisdiction and the days asked for. */
  scope: { jurisdiction: string; filedFrom?: string; filedTo?: string };
}

/** What a ledger of a query holds: the place asked for (the reader's own unless one is named) and the days. */
export const ledgerScope = (query: Pick<CaseListQuery, 'jurisdiction' | 'filedFrom' | 'filedTo'>, reader: { jurisdictionCode: string }): LedgerContext['scope'] => ({
  jurisdiction: query.jurisdiction ?? reader.jurisdictionCode,
  filedFrom: query.filedFrom,
  filedTo: query.filedTo,
});

/**
 * A column of words or numbers, or of a moment: `time` when something happened, `deadline` when something is due,
 * which the pages write as the end of its day ("2026-12-02 24:00"), not as the next day's first minute.
 */
type Column = { heading: MessageKey; width: number } & (
  | { value: (row: CaseListRow, context: LedgerContext) => string | number }
  | { moment: 'time' | 'deadline'; instant: (row: CaseListRow) => string | null }
);

const local = (instant: string | null, { utcOffset }: LedgerContext) => (instant ? formatLocal(instant, utcOffset) : '');
const due = (instant: string, { utcOffset }: LedgerContext) => formatDeadline(instant, utcOffset);
const yesNo = (value: boolean, { lang }: LedgerContext) => t(lang, value ? 'ledger.yes' : 'ledger.no');
// Several things in one cell: "首次联系 2026-11-23 24:00（已超期）；回访 …", or with ASCII punctuation in English.
const note = (lang: Lang, text: string, aside: string) => (lang === 'en' ? `${text} (${aside})` : `${text}（${aside}）`);
const several = (lang: Lang, items: string[]) => items.join(lang === 'en' ? '; ' : '；');

const columns: Column[] = [
  { heading: 'page.caseNumber', width: 22, value: (row) => row.caseNumber },
  { heading: 'ledger.filedAt', width: 17, moment: 'time', instant: (row) => row.filedAt },
  { heading: 'channel', width: 12, value: (row, { lang }) => t(lang, `channel.${row.channel}`) },
  { heading: 'category', width: 10, value: (row, { lang }) => t(lang, `category.${row.category}`) },
  { heading: 'page.status', width: 14, value: (row, { lang }) => t(lang, `status.${row.status}`) },
  { heading: 'route', width: 12, value: (row, { lang }) => (row.route ? t(lang, `route.${row.route}`) : '') },
  { heading: 'hard', width: 8, value: (row, context) => yesNo(row.hardCase, context) },
  { heading: 'assignee', width: 12, value: (row) => row.assigneeName ?? row.assigneeId ?? '' },
  { heading: 'escalation', width: 8, value: (row) => row.escalationLevel },
  { heading: 'overdue', width: 6, value: (row, context) => yesNo(row.overdue, context) },
  { heading: 'ledger.overdueSince', width: 17, moment: 'deadline', instant: (row) => row.overdueSince },
  { heading: 'ledger.nextDueAt', width: 17, moment: 'deadline', instant: (row) => row.nextDueAt },
  {
    heading: 'ledger.clocks',
    width: 36,
    value: (row, context) =>
      several(
        context.lang,
        row.clocks.map((clock) => note(context.lang, `${t(context.lang, `clock.${clock.clock}`)} ${due(clock.dueAt, context)}`, t(context.lang, `clockState.${clock.state}`))),
      ),
  },
  { heading: 'where.address', width: 30, value: (row) => row.address },
  {
    heading: 'parties',
    width: 30,
    value: (row, { lang }) =>
      several(
        lang,
        row.parties.map((party) => `${note(lang, party.name, t(lang, `parties.role.${party.role}`))}${party.phone ? ` ${party.phone}` : ''}`),
      ),
  },
  { heading: 'summary', width: 50, value: (row) => row.summary },
];

// A cell that starts like a formula would run as one when the CSV is opened in a spreadsheet; a leading apostrophe
// keeps it text. Phone numbers ("+86 138…") are left alone.
const inert = (cell: string | number): CsvCell => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) && !/^[+-][\d\s-]+$/.test(cell) ? `'${cell}` : cell);

function fileName(context: LedgerContext, extension: string) {
  const { jurisdiction, filedFrom, filedTo } = context.scope;
  const days = filedFrom || filedTo ? `-${filedFrom ?? ''}_${filedTo ?? ''}` : '';
  return `fengqiao-ledger-${jurisdiction}${days}.${extension}`;
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A moment as the CSV writes it: the county's local time, a deadline as the pages write it. */
function written(column: Column, row: CaseListRow, context: LedgerContext): string | number {
  if ('value' in column) return column.value(row, context);
  const instant = column.instant(row);
  if (!instant) return '';
  return column.moment === 'deadline' ? due(instant, context) : local(instant, context);
}

/**
 * A moment as a workbook holds it: a date a spreadsheet can sort and count by, showing the county's wall time (the
 * workbook has no time zone, so the instant is moved by the county's offset before it is written).
 */
function workbookCell(column: Column, row: CaseListRow, context: LedgerContext) {
  if ('value' in column) return { value: column.value(row, context) };
  const instant = column.instant(row);
  if (!instant) return null;
  return { type: Date, value: new Date(Date.parse(instant) + offsetMs(context.utcOffset)), format: 'yyyy-mm-dd hh:mm' };
}

/** The rows as a file to download: its body and the headers that name and type it. */
export async function ledgerFile(format: Exclude<CaseListFormat, 'json'>, rows: readonly CaseListRow[], context: LedgerContext) {
  const headings = columns.map((column) => t(context.lang, column.heading));
  if (format === 'csv') {
    const cells = rows.map((row) => columns.map((column) => inert(written(column, row, context))));
    return { body: toCsv(headings, cells), headers: csvHeaders(fileName(context, 'csv')) };
  }
  const cells = rows.map((row) => columns.map((column) => workbookCell(column, row, context)));
  const data = [headings.map((heading) => ({ value: heading, fontWeight: 'bold' as const })), ...cells] as SheetData;
  const sheet = `${t(context.lang, 'ledger.title')} ${context.scope.jurisdiction}`.slice(0, 31);
  const blob = await writeXlsxFile(data, { sheet, columns: columns.map(({ width }) => ({ width })), stickyRowsCount: 1 }).toBlob();
  return {
    body: await blob.arrayBuffer(),
    headers: { 'content-type': xlsxType, 'content-disposition': `attachment; filename="${fileName(context, 'xlsx')}"` },
  };
}
