import { phoneKey } from './repeat-matching';

/**
 * How a case is found by free text. Chinese is written without spaces and a word splitter would need a dictionary,
 * so a case is indexed by the overlapping two- and three-character pieces of its texts ("白乐桥村" → 白乐, 乐桥, 桥村,
 * 白乐桥, 乐桥村) and a query matches a case when every piece of the query is among the case's. A query word of three
 * characters or more is looked up by three-character pieces: a full name (林晓雯) is then one piece held by the few
 * cases that name her, where its two-character pieces (林晓, 晓雯) are each held by many. Numbers are different: the pieces of
 * "13800000001" are shared by half the county's phones, so a run of three or more digits is matched whole, and a
 * case keeps its numbers' whole runs beside the pieces: a phone with and without the country code, its groups as
 * typed, every tail of four digits or more (what people remember of a number: "…0001", "…00000001"), its masked
 * form, and the parts of its case number.
 */

/** Raised whenever the terms a case is found by change, so the cases already filed are indexed anew (the cron's walk). */
export const searchTermsVersion = 3;

/** Runs of this many digits and more are matched whole; shorter ones are ordinary two-character pieces. */
const wholeDigitRun = 3;

/** Full-width folded, lower-case, and nothing but letters and digits: "白乐桥村 １２ 號" → "白乐桥村12号". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('號', '号').replace(/[^\p{L}\p{N}]/gu, '');
}

/** Overlapping pieces of `size` characters; a shorter text has none. */
function pieces(folded: string, size: number): string[] {
  const chars = [...folded];
  return Array.from({ length: Math.max(chars.length - size + 1, 0) }, (_, i) => chars.slice(i, i + size).join(''));
}

/**
 * The fewest pieces a query word must find: itself when it has two characters, else three-character pieces side by
 * side, the last one ending where the word ends ("白乐桥村" → 白乐桥, 乐桥村). Every case whose text holds the word
 * holds them all.
 */
function coveringPieces(word: string): string[] {
  const chars = [...word];
  if (chars.length < 3) return pieces(word, 2);
  const starts = Array.from({ length: Math.ceil(chars.length / 3) }, (_, i) => Math.min(i * 3, chars.length - 3));
  return starts.map((start) => chars.slice(start, start + 3).join(''));
}

const digitRuns = (text: string) => (text.normalize('NFKC').match(/\d+/g) ?? []).filter((run) => run.length >= wholeDigitRun);

const textTerms = (text: string) => {
  const folded = foldForSearch(text);
  return [...pieces(folded, 2), ...pieces(folded, 3), ...digitRuns(text)];
};

/** Digits of a phone that a masked number (138****0001, as lists show it: domain/masking.ts) still tells. */
const maskedHead = 3;
const maskedTail = 4;
/** A number long enough to be masked with its head and tail apart. */
const maskable = (key: string) => key.length >= maskedHead + maskedTail + 1;

/** The term of a number with its middle missing: its head and tail joined by '*', which no folded text holds. */
const maskedTerm = (head: string, tail: string) => `${head.slice(0, maskedHead)}*${tail.slice(-maskedTail)}`;

/**
 * A phone is found by its whole number (typed with or without +86 and dashes), by its groups as typed, by any tail
 * of four digits or more, and with its middle missing (138****0001). Only tails: a number's middle or head alone is
 * shared by many phones and is not what people recall, and every further term is a row per phone.
 */
function phoneTerms(phone: string): string[] {
  const key = phoneKey(phone);
  if (!key) return [];
  const tails = Array.from({ length: Math.max(key.length - maskedTail, 0) }, (_, i) => key.slice(i + 1));
  return [key, ...digitRuns(phone), ...tails, ...(maskable(key) ? [maskedTerm(key, key)] : [])];
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

// A number with its middle masked or left out: a head, then *, x, ?, dots or an ellipsis (spaces around them), a tail.
const numberWithMiddleMissing = /(?<!\d)(\d{3,})[\s-]*(?:[*xX×?_.…•·][\s-]*)+(\d{4,})(?!\d)/g;

/**
 * The pieces a query must all find among a case's terms. Words are matched apart ("白乐桥 张某" finds 张某 at
 * 白乐桥村 12 号), a phone typed in groups ("+86 138-0000-0001") is read as one number, one with its middle
 * missing ("138****0001", "138…0001") by its head and tail, and a word of one character adds nothing unless the
 * query is all such words ("张 某" is read as 张某). Empty when the query holds fewer than two letters or digits:
 * one character would match a large share of all cases, so such a query is refused.
 */
export function queryPieces(query: string): string[] {
  const masked: string[] = [];
  const normalized = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(numberWithMiddleMissing, (_, head: string, tail: string) => {
      // The tail beyond four digits narrows it further, as a tail of its own.
      masked.push(maskedTerm(head, tail), ...(tail.length > maskedTail ? [tail] : []));
      return ' ';
    })
    .replace(/\+?\d[\d\s-]*\d/g, (group) => {
      const key = phoneKey(group);
      return key && isPhoneKey(key) ? ` ${key} ` : group;
    });
  const words = normalized.split(/[^\p{L}\p{N}]+/u).map(foldForSearch).filter(Boolean);
  const wordPieces = (word: string) => (/^\d+$/.test(word) && word.length >= wholeDigitRun ? [word] : coveringPieces(word));
  const found = [...masked, ...words.flatMap(wordPieces)];
  return unique(found.length ? found : coveringPieces(words.join('')));
}

function unique(terms: string[]): string[] {
  return [...new Set(terms)];
}
