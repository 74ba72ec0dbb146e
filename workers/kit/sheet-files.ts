import { strFromU8, unzipSync } from 'fflate';

/**
 * Sheets a county keeps in Excel, read as rows of cell texts: the first sheet of an xlsx (a zip of XML, read with
 * fflate, which the edge already carries for the ledger's workbook), or a CSV's text. A small reader rather than a
 * spreadsheet library: the well-known ones parse XML with a DOM that workerd does not have, and these sheets need
 * only strings, numbers and dates.
 */

/** A sheet's row as the sheet numbers it (the header being row 1), its cells in column order. */
export interface SheetRow {
  line: number;
  cells: string[];
}

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * An uploaded text's characters. Chinese Excel saves a CSV in GBK (GB18030) unless told otherwise, so bytes that are
 * not UTF-8 are read as GB18030 (both decoders exist in workerd and in Node with full ICU); bytes that are neither
 * are undefined rather than stored as replacement characters. A BOM is dropped.
 */
export function textOfBytes(bytes: ArrayBuffer | Uint8Array): string | undefined {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      // Not this encoding: try the next.
    }
  }
  return undefined;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (text: string) =>
  text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) =>
    name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (entities[name] ?? whole),
  );
/** The text of an <si> or <is>: its <t> runs joined (rich text splits a string into runs). */
const textOf = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((match) => unescapeXml(match[1]!)).join('');

/** "AB12" → column 27 (0-based), so a sheet that skips empty cells still lines up. */
const columnOf = (ref: string) => [...ref.replace(/\d+$/, '')].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;

/** Excel's built-in number formats that show a date or a time (ECMA-376 18.8.30). */
const builtInDateFormats = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** Which cell styles (the `s` of a cell, an index into cellXfs) show a date: a number there is a day count. */
function dateStyles(styles: string | undefined): Set<number> {
  if (!styles) return new Set();
  const custom = new Set(
    [...styles.matchAll(/<numFmt\b[^>]*\bnumFmtId="(\d+)"[^>]*\bformatCode="([^"]*)"/g)]
      // A code that shows year, day or hour (quoted text and colours aside) is a date format.
      .filter((match) => /[ydhs]/i.test(unescapeXml(match[2]!).replace(/"[^"]*"|\[[^\]]*\]/g, '')))
      .map((match) => Number(match[1])),
  );
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const dated = new Set<number>();
  // Every <xf> counts for the index, one without a numFmtId (the general format, 0) too.
  [...cellXfs.matchAll(/<xf\b[^>]*>/g)].forEach((match, index) => {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(match[0])?.[1] ?? 0);
    if (builtInDateFormats.has(id) || custom.has(id)) dated.add(index);
  });
  return dated;
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * A day count as Excel keeps it (days since 1899-12-30, the fraction the time of day) as the wall time the sheet shows,
 * `YYYY-MM-DDTHH:mm`, or the day alone at midnight: a sheet has no time zone, and neither do the intake's times.
 */
export function excelDateText(serial: number): string {
  const at = new Date(Math.round((serial - 25569) * 86_400) * 1000);
  const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  const minutes = at.getUTCHours() * 60 + at.getUTCMinutes();
  return minutes ? `${day}T${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}` : day;
}

/** The first sheet of an xlsx, as rows of cell texts numbered as the sheet numbers them; undefined when it is no xlsx. */
export function readXlsx(bytes: Uint8Array): SheetRow[] | undefined {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => file.name.startsWith('xl/') });
  } catch {
    return undefined;
  }
  const read = (name: string) => (files[name] ? strFromU8(files[name]) : undefined);
  const workbook = read('xl/workbook.xml');
  if (!workbook) return undefined;
  const firstId = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const targets = new Map(
    [...(read('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b[^>]*>/g)].map((tag) => [/\bId="([^"]+)"/.exec(tag[0])?.[1], /\bTarget="([^"]+)"/.exec(tag[0])?.[1]]),
  );
  const target = firstId ? targets.get(firstId) : undefined;
  // A target is relative to xl/, or absolute from the package's root.
  const sheet = (target && read(target.startsWith('/') ? target.slice(1) : `xl/${target}`)) || read('xl/worksheets/sheet1.xml');
  if (!sheet) return undefined;
  const shared = [...(read('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((match) => textOf(match[1]!));
  const dated = dateStyles(read('xl/styles.xml'));
  const rows: SheetRow[] = [];
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const line = Number(/\br="(\d+)"/.exec(rowMatch[1]!)?.[1] ?? rows.length + 1);
    const cells: string[] = [];
    for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = cell[1]!;
      const ref = /\br="([A-Z]+\d+)"/.exec(attributes)?.[1];
      const type = /\bt="(\w+)"/.exec(attributes)?.[1];
      const style = Number(/\bs="(\d+)"/.exec(attributes)?.[1] ?? -1);
      const body = cell[2] ?? '';
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      const text =
        type === 's'
          ? (shared[Number(value)] ?? '')
          : type === 'inlineStr'
            ? textOf(body)
            : (type === undefined || type === 'n') && value !== undefined && dated.has(style) && Number.isFinite(Number(value))
              ? excelDateText(Number(value))
              : unescapeXml(value ?? '');
      cells[ref ? columnOf(ref) : cells.length] = text;
    }
    rows.push({ line, cells: Array.from(cells, (text) => text ?? '') });
  }
  return rows;
}
