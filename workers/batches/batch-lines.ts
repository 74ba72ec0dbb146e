import { maxBatchLines, type RawLine } from '../../schemas/batch';
import { isZip, readXlsx, textOfBytes, type SheetRow } from '../kit/sheet-files';
import { fieldOfHeader, valueOfCell } from './batch-columns';

export type { RawLine };

export type BodyFormat = 'json' | 'jsonLines' | 'csv' | 'xlsx';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type decides how the lines are read; anything else is answered 415. */
export function bodyFormatOf(contentType: string | undefined): BodyFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/json-lines') return 'jsonLines';
  if (type === 'text/csv') return 'csv';
  if (type === xlsxType) return 'xlsx';
  return undefined;
}

/**
 * Why a sheet or a body gives no lines at all; each has its words in the catalogs (`error.<code>`), so a page says it
 * in its own language and the API names it by code.
 */
export type SheetProblem = 'batchEncoding' | 'batchNotSheet' | 'batchSheetEmpty' | 'batchNoKindColumn' | 'batchTooMany';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const linesOfJson = (values: unknown[]): RawLine[] =>
  values.map((value, index) => (isRecord(value) ? { line: index + 1, fields: value } : { line: index + 1, unreadable: 'notObject' }));

/** JSON lines: one object per line, numbered as an editor shows them; blank lines count but carry nothing. */
export function linesOfJsonLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    if (!source.trim()) return;
    try {
      lines.push(...linesOfJson([JSON.parse(source)]).map((read) => ({ ...read, line: index + 1 })));
    } catch {
      lines.push({ line: index + 1, unreadable: 'notJson' });
    }
  });
  return lines;
}

type CsvRecord = SheetRow & { unclosed?: boolean };

/** RFC 4180 records, each with the line it starts on: a quoted cell may hold commas, quotes ("") and line breaks. */
function csvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim()) records.push({ line: startLine, cells });
    cells = [];
    cell = '';
  };
  for (let at = 0; at < source.length; at += 1) {
    const char = source[at]!;
    if (char === '\n') line += 1;
    if (quoted) {
      if (char === '"' && source[at + 1] === '"') (cell += '"'), (at += 1);
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && !cell) quoted = true;
    else if (char === ',') cells.push(cell), (cell = '');
    else if (char === '\n' || (char === '\r' && source[at + 1] === '\n')) {
      if (char === '\r') continue;
      endRecord();
      startLine = line;
    } else cell += char;
  }
  if (quoted) records.push({ line: startLine, cells: [...cells, cell], unclosed: true });
  else if (cell || cells.length) endRecord();
  return records;
}

/**
 * Dot-path columns (`where.address`, `parties.0.name`) become the nested shape the schemas read; numbered keys
 * become arrays. Blank cells are left out, so an empty column means "not given".
 */
function nestCells(fields: string[], cells: string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  fields.forEach((name, index) => {
    const value = cells[index]?.trim();
    if (!value || !name) return;
    const keys = name.split('.');
    // A column is a field name, never a way into an object's prototype.
    if (keys.some((key) => key === '__proto__' || key === 'constructor' || key === 'prototype')) return;
    let cursor: Record<string, unknown> = root;
    for (let depth = 0; depth < keys.length - 1; depth += 1) {
      const key = keys[depth]!;
      if (!isRecord(cursor[key]) && !Array.isArray(cursor[key])) cursor[key] = /^\d+$/.test(keys[depth + 1]!) ? [] : {};
      cursor = cursor[key] as Record<string, unknown>;
    }
    cursor[keys.at(-1)!] = valueOfCell(name, value);
  });
  return root;
}

/** A sheet with a header row, its headers Chinese or English; lines keep the sheet's numbers, the header being 1. */
function linesOfRows(rows: CsvRecord[]): RawLine[] | { problem: SheetProblem } {
  const filled = rows.filter((row) => row.unclosed || row.cells.some((cell) => cell.trim()));
  const [head, ...body] = filled;
  if (!head || !body.length) return { problem: 'batchSheetEmpty' };
  const fields = head.cells.map(fieldOfHeader);
  if (!fields.includes('kind')) return { problem: 'batchNoKindColumn' };
  if (body.length > maxBatchLines) return { problem: 'batchTooMany' };
  // Excel leaves trailing cells of a row empty rather than absent; only a filled cell beyond the header is a fault.
  const width = (cells: string[]) => cells.length - [...cells].reverse().findIndex((cell) => cell.trim() !== '');
  return body.map(({ line, cells, unclosed }): RawLine => {
    if (unclosed) return { line, unreadable: 'quoteUnclosed' };
    if (width(cells) > fields.length) return { line, unreadable: 'tooManyCells', cells: width(cells), columns: fields.length };
    return { line, fields: nestCells(fields, cells) };
  });
}

/** CSV text with a header row; lines are numbered as the file's, the header being line 1. */
export const linesOfCsv = (text: string) => linesOfRows(csvRecords(text));

/** An uploaded sheet, told by its bytes: an xlsx (a zip), else CSV in UTF-8 or GBK. */
export function linesOfSheet(bytes: ArrayBuffer): RawLine[] | { problem: SheetProblem } {
  const view = new Uint8Array(bytes);
  if (isZip(view)) {
    const rows = readXlsx(view);
    return rows ? linesOfRows(rows) : { problem: 'batchNotSheet' };
  }
  const text = textOfBytes(bytes);
  return text === undefined ? { problem: 'batchEncoding' } : linesOfCsv(text);
}
