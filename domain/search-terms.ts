import { phoneKey } from './repeat-matching';

/**
 * How a case is found by free text. Chinese is written without spaces and a word splitter would need a dictionary,
 * so a case is indexed by the overlapping two-character pieces of its texts ("白乐桥村" → 白乐, 乐桥, 桥村) and a
 * query matches a case when every piece of the query is among the case's. Numbers are different: the pieces of
 * "13800000001" are shared by half the county's phones, so a run of three or more digits is matched whole, and a
 * case keeps its numbers' whole runs (a phone with and without the country code, its last four digits, the parts of
 * its case number) beside the pieces.
 */

/** Runs of this many digits and more are matched whole; shorter ones are ordinary two-character pieces. */
const wholeDigitRun = 3;

/** Full-width folded, lower-case, and nothing but letters and digits: "白乐桥村 １２ 號" → "白乐桥村12号". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('號', '号').replace(/[^\p{L}\p{N}]/gu, '');
}

/** Overlapping two-character pieces; a text of one character has none. */
function pieces(folded: string): string[] {
  const chars = [...folded];
  return chars.slice(1).map((char, i) => `${chars[i]}${char}`);
}

const digitRuns = (text: string) => (text.normalize('NFKC').match(/\d+/g) ?? []).filter((run) => run.length >= wholeDigitRun);

const textTerms = (text: string) => [...pieces(foldForSearch(text)), ...digitRuns(text)];

/** A phone is found by its whole number (typed with or without +86 and dashes), by its groups as typed, or by its last four digits. */
function phoneTerms(phone: string): string[] {
  const key = phoneKey(phone);
  if (!key) return [];
  return [key, ...digitRuns(phone), ...(key.length > 4 ? [key.slice(-4)] : [])];
}

export interface SearchableCase {
  /**
   * The case number, or at filing the part before its counter ("XH-LY-20261123-"): the counter is drawn inside the
   * write, which adds it as a term of its own (db/queries/cases.ts).
   */
  caseNumber: string;
  address: string;
  parties: readonly { name: string; phone?: string | null }[];
}

export const partySearchTerms = (parties: SearchableCase['parties']) =>
  unique(parties.flatMap((party) => [...textTerms(party.name), ...(party.phone ? phoneTerms(party.phone) : [])]));

/** Every term a case is found by: its number, its address, its parties' names and phones. */
export const caseSearchTerms = (searchable: SearchableCase) =>
  unique([...textTerms(searchable.caseNumber), ...textTerms(searchable.address), ...partySearchTerms(searchable.parties)]);

const isPhoneKey = (digits: string) => /^1\d{10}$/.test(digits) || /^0\d{9,11}$/.test(digits);

/**
 * The pieces a query must all find among a case's terms. Words are matched apart ("白乐桥 张某" finds 张某 at
 * 白乐桥村 12 号), a phone typed in groups ("+86 138-0000-0001") is read as one number, and a word of one character
 * adds nothing unless the query is all such words ("张 某" is read as 张某). Empty when the query holds fewer than
 * two letters or digits: one character would match a large share of all cases, so such a query is refused.
 */
export function queryPieces(query: string): string[] {
  const normalized = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\+?\d[\d\s-]*\d/g, (group) => {
      const key = phoneKey(group);
      return key && isPhoneKey(key) ? ` ${key} ` : group;
    });
  const words = normalized.split(/[^\p{L}\p{N}]+/u).map(foldForSearch).filter(Boolean);
  const wordPieces = (word: string) => (/^\d+$/.test(word) && word.length >= wholeDigitRun ? [word] : pieces(word));
  const found = words.flatMap(wordPieces);
  return unique(found.length ? found : pieces(words.join('')));
}

function unique(terms: string[]): string[] {
  return [...new Set(terms)];
}
