import { isZip, readXlsx } from '../kit/sheet-files';
import type { GridRow } from '../../domain/grid-import';

/**
 * The grid-cell sheet a county already keeps, as CSV (saved by Excel in GBK, or UTF-8 with or without a BOM) or as
 * xlsx, read into rows. Headers are the county's Chinese ones, in any order.
 */
export const gridHeaders = { code: ['网格编码', '编码'], name: ['网格名称', '名称'], parentCode: ['所属社区编码', '上级编码', '社区编码'] } as const;
type Column = keyof typeof gridHeaders;

/** More rows than a county has grid cells in a station; a bigger sheet is sent in parts. */
export const rowsAtMost = 2000;

export type SheetProblem = { problem: 'importUnreadable' } | { problem: 'importEmpty' } | { problem: 'importTooMany' } | { problem: 'importHeadersMissing'; missing: string[] };

/** Valid UTF-8 is read as such; anything else as GBK, which is what Excel in a Chinese Windows saves a CSV in. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gbk').decode(bytes);
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; lines end in CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at]!;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') (field += '"'), at++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[at + 1] === '\n') at++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += char;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}


/** A county's sheet as grid rows, its cells trimmed and its blank rows left out, or what is wrong with the file. */
export function readGridSheet(bytes: Uint8Array): { rows: GridRow[] } | SheetProblem {
  const table = isZip(bytes) ? readXlsx(bytes) : parseCsv(decodeText(bytes)).map((cells, index) => ({ line: index + 1, cells }));
  if (!table) return { problem: 'importUnreadable' };
  const filled = table.map((row) => ({ line: row.line, cells: row.cells.map((cell) => cell.trim()) })).filter((row) => row.cells.some(Boolean));
  const [header, ...body] = filled;
  if (!header) return { problem: 'importEmpty' };
  const at = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const column of Object.keys(gridHeaders) as Column[]) {
    at[column] = header.cells.findIndex((cell) => (gridHeaders[column] as readonly string[]).includes(cell));
    if (at[column] === -1) missing.push(gridHeaders[column][0]);
  }
  if (missing.length) return { problem: 'importHeadersMissing', missing };
  if (!body.length) return { problem: 'importEmpty' };
  if (body.length > rowsAtMost) return { problem: 'importTooMany' };
  return { rows: body.map(({ line, cells }) => ({ line, code: cells[at.code] ?? '', name: cells[at.name] ?? '', parentCode: cells[at.parentCode] ?? '' })) };
}

/** The template offered for download: the headers and one example row, UTF-8 with a BOM so that Excel reads it right. */
export const gridTemplate = (example: { code: string; name: string; parentCode: string }) =>
  `\uFEFF${gridHeaders.code[0]},${gridHeaders.name[0]},${gridHeaders.parentCode[0]}\r\n${example.code},${example.name},${example.parentCode}\r\n`;
