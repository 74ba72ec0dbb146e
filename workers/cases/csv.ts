/**
 * CSV as a spreadsheet on a station PC opens it: a UTF-8 byte-order mark so Excel reads Chinese, CRLF line ends,
 * and every field that holds a comma, a quote or a line break quoted.
 */
export type CsvCell = string | number | boolean | null | undefined;

const field = (cell: CsvCell) => {
  const text = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}

/** The answer's headers: a download named after what it holds. */
export const csvHeaders = (filename: string) => ({
  'content-type': 'text/csv; charset=utf-8',
  'content-disposition': `attachment; filename="${filename}"`,
});
