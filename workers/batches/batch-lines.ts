import { maxBatchLines } from '../../schemas/batch';

/** A line as read from the body, before its schema is asked: its number, and the fields or why it cannot be read. */
export type RawLine = { line: number; fields: Record<string, unknown> } | { line: number; unreadable: string };

export type BodyFormat = 'json' | 'jsonLines' | 'csv';

/** The content type decides how the lines are read; anything else is answered 415. */
export function bodyFormatOf(contentType: string | undefined): BodyFormat | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/json-lines') return 'jsonLines';
  if (type === 'text/csv') return 'csv';
  return undefined;
}

/**
 * An uploaded file's text. Chinese Excel saves a CSV in GBK (GB18030) unless told otherwise, so bytes that are not
 * UTF-8 are read as GB18030; bytes that are neither are refused rather than stored as replacement characters.
 */
export function textOfUpload(bytes: ArrayBuffer): string | undefined {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // Not this encoding: try the next.
    }
  }
  return undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const linesOfJson = (values: unknown[]): RawLine[] =>
  values.map((value, index) => (isRecord(value) ? { line: index + 1, fields: value } : { line: index + 1, unreadable: 'not a JSON object' }));

/** JSON lines: one object per line, numbered as an editor shows them; blank lines count but carry nothing. */
export function linesOfJsonLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  text.split(/\r?\n/).forEach((source, index) => {
    if (!source.trim()) return;
    try {
      lines.push(...linesOfJson([JSON.parse(source)]).map((read) => ({ ...read, line: index + 1 })));
    } catch {
      lines.push({ line: index + 1, unreadable: 'not valid JSON' });
    }
  });
  return lines;
}

/** RFC 4180 records, each with the line it starts on: a quoted cell may hold commas, quotes ("") and line breaks. */
function csvRecords(text: string): { line: number; cells: string[]; unclosed?: boolean }[] {
  const records: { line: number; cells: string[]; unclosed?: boolean }[] = [];
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
function nestCells(header: string[], cells: string[]): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  header.forEach((name, index) => {
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
    cursor[keys.at(-1)!] = value;
  });
  return root;
}

/** CSV with a header row; lines are numbered as the file's, the header being line 1. */
export function linesOfCsv(text: string): RawLine[] | { error: string } {
  const [head, ...rows] = csvRecords(text);
  if (!head) return { error: 'The CSV is empty: it needs a header row and at least one line.' };
  const header = head.cells.map((name) => name.trim());
  if (!header.includes('kind')) return { error: 'The CSV header has no `kind` column.' };
  if (rows.length > maxBatchLines) return { error: `A batch holds at most ${maxBatchLines} lines.` };
  return rows.map(({ line, cells, unclosed }): RawLine => {
    if (unclosed) return { line, unreadable: 'a quoted cell is never closed' };
    if (cells.length > header.length) return { line, unreadable: `${cells.length} cells under a header of ${header.length}` };
    return { line, fields: nestCells(header, cells) };
  });
}
