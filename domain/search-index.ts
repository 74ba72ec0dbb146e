import type { SearchColumn, SearchDocument } from '../schemas/search-document';
import { phoneKey } from './repeat-matching';

/**
 * How a case is found by free text. Chinese is written without spaces and a word splitter would need a dictionary,
 * so a case's texts are kept in one row of an FTS5 table whose trigram tokenizer finds any run of three characters
 * or more inside them (SQLite's own substring index: db/migrations/0014_search_index.sql). A query matches a case when
 * every word of the query is found in the case's document, each in the column made for its kind:
 *
 * - `words`: the folded texts (case number, address, parties' names) side by side. A word of three characters or
 *   more is a run of them ("白乐桥", "林晓雯": a full name is one phrase, not found in two names that hold its halves).
 * - `pairs`: the same texts with a mark between every two characters ("白|乐|桥|村"), so a word of two characters,
 *   the commonest length of a Chinese name, is three characters long there ("乐|桥") and the trigram index finds it.
 * - `numbers`: the runs of three digits and more, each closed by ';'. A number query is a run closed the same way, so
 *   it finds a whole run or the tail of one ("0001;" in ";13800000001;"), and from five digits its head too
 *   (";13857"), never its middle: a short head or a middle is shared by many phones and is not what people recall. A phone is kept with and without
 *   the country code and in the groups typed, and with its middle missing (";138*0001;"), as lists show it masked.
 */

/** Raised whenever what a case is found by changes, so the cases already filed are indexed anew (the cron's walk). */
export const searchIndexVersion = 4;

/** Runs of this many digits and more are matched as numbers; shorter ones are ordinary text. */
const wholeDigitRun = 3;

/** Characters no folded text holds, so no query finds a run across them. */
const textMark = '#';
const pairMark = '|';
const numberMark = ';';

/** A run the document must hold, in one of its columns; or, where `or` is given, that run instead. */
export interface SearchPhrase {
  column: SearchColumn;
  phrase: string;
  or?: string;
}

/** Full-width folded, lower-case, and nothing but letters and digits: "白乐桥村 １２ 號" → "白乐桥村12号". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replaceAll('號', '号').replace(/[^\p{L}\p{N}]/gu, '');
}

const digitRuns = (text: string) => (text.normalize('NFKC').match(/\d+/g) ?? []).filter((run) => run.length >= wholeDigitRun);

/** Digits of a phone that a masked number (138****0001, as lists show it: domain/masking.ts) still tells. */
const maskedHead = 3;
const maskedTail = 4;
/** A number long enough to be masked with its head and tail apart. */
const maskable = (key: string) => key.length >= maskedHead + maskedTail + 1;

/** A number with its middle missing: its head and tail joined by '*', which no folded text holds. */
const maskedRun = (head: string, tail: string) => `${head.slice(0, maskedHead)}*${tail.slice(-maskedTail)}`;

function phoneRuns(phone: string): string[] {
  const key = phoneKey(phone);
  if (!key) return [];
  return [key, ...digitRuns(phone), ...(maskable(key) ? [maskedRun(key, key)] : [])];
}

export interface SearchableCase {
  /**
   * The case number, or at filing the part before its counter ("XH-LY-20261123-"): the counter is drawn inside the
   * write, which adds it to the numbers (db/queries/cases.ts).
   */
  caseNumber: string;
  address: string;
  parties: readonly { name: string; phone?: string | null }[];
}

const interleave = (folded: string) => [...folded].join(pairMark);

/** The document of some texts and phones; a case's is one, and a repeat's new parties add theirs to it. */
function documentOf(texts: readonly string[], phones: readonly string[]): SearchDocument {
  const folded = texts.map(foldForSearch).filter(Boolean);
  const numbers = [...new Set([...texts.flatMap(digitRuns), ...phones.flatMap(phoneRuns)])];
  return {
    words: folded.join(textMark),
    pairs: folded.map(interleave).join(textMark),
    numbers: numbers.length ? `${numberMark}${numbers.join(numberMark)}${numberMark}` : '',
  };
}

const phonesOf = (parties: SearchableCase['parties']) => parties.flatMap((party) => (party.phone ? [party.phone] : []));

/** What a case is found by: its number, its address, its parties' names and phones. */
export const caseSearchDocument = (searchable: SearchableCase) =>
  documentOf([searchable.caseNumber, searchable.address, ...searchable.parties.map((party) => party.name)], phonesOf(searchable.parties));

/**
 * What a repeat's new parties add to the end of the case's document: their texts after the mark that keeps them
 * apart from the case's; numbers are closed on both sides already.
 */
export function partySearchDocument(parties: SearchableCase['parties']): SearchDocument {
  const added = documentOf(parties.map((party) => party.name), phonesOf(parties));
  return { words: `${textMark}${added.words}`, pairs: `${textMark}${added.pairs}`, numbers: added.numbers };
}

/** A number closed on both sides: the counter a filing's write draws, added to its document's numbers. */
export const closedNumber = (digits: string) => `${digits}${numberMark}`;

const isPhoneKey = (digits: string) => /^1\d{10}$/.test(digits) || /^0\d{9,11}$/.test(digits);

// A number with its middle masked or left out: a head, then *, x, ?, dots or an ellipsis (spaces around them), a tail.
const numberWithMiddleMissing = /(?<!\d)(\d{3,})[\s-]*(?:[*xX×?_.…•·][\s-]*)+(\d{4,})(?!\d)/g;

/** A number's head this long is told as well as its tail: "13857" is how a command room recalls a mobile. */
const recalledHead = 5;

function phraseOfWord(word: string): SearchPhrase {
  if (/^\d+$/.test(word) && word.length >= wholeDigitRun) {
    const tail = closedNumber(word);
    return word.length >= recalledHead && !isPhoneKey(word) ? { column: 'numbers', phrase: tail, or: `${numberMark}${word}` } : { column: 'numbers', phrase: tail };
  }
  return [...word].length < 3 ? { column: 'pairs', phrase: interleave(word) } : { column: 'words', phrase: word };
}

/**
 * A surname of one character (李, 王) is found where a text begins with it, as a name does: the mark before each text
 * and the pair mark after the character make three, which the trigram index can find.
 */
const surnamePhrase = (character: string): SearchPhrase => ({ column: 'pairs', phrase: `${textMark}${character}${pairMark}` });
const isOneHanCharacter = (word: string) => /^\p{Script=Han}$/u.test(word);

/**
 * The phrases a query must all find in a case's document. Words are matched apart ("白乐桥 张某" finds 张某 at
 * 白乐桥村 12 号), a phone typed in groups ("+86 138-0000-0001") is read as one number, one with its middle
 * missing ("138****0001", "138…0001") by its head and tail, and a word of one character adds nothing unless the
 * query is all such words ("张 某" is read as 张某). One Chinese character alone is a surname, found at the start of a
 * name (the list it narrows is the reader's own jurisdiction, paged). Empty when the query holds fewer than two
 * letters or digits otherwise: one such character would match a large share of all cases, so it is refused.
 */
export function searchPhrases(query: string): SearchPhrase[] {
  const masked: SearchPhrase[] = [];
  const normalized = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(numberWithMiddleMissing, (_, head: string, tail: string) => {
      masked.push({ column: 'numbers', phrase: `${numberMark}${maskedRun(head, tail)}${numberMark}` });
      // The tail beyond four digits narrows it further, as a tail of its own.
      if (tail.length > maskedTail) masked.push({ column: 'numbers', phrase: closedNumber(tail) });
      return ' ';
    })
    .replace(/\+?\d[\d\s-]*\d/g, (group) => {
      const key = phoneKey(group);
      return key && isPhoneKey(key) ? ` ${key} ` : group;
    });
  const words = normalized.split(/[^\p{L}\p{N}]+/u).map(foldForSearch).filter(Boolean);
  if (!masked.length && words.length === 1 && isOneHanCharacter(words[0]!)) return [surnamePhrase(words[0]!)];
  const longEnough = words.filter((word) => [...word].length >= 2);
  const chosen = longEnough.length ? longEnough : [words.join('')].filter((joined) => [...joined].length >= 2);
  const found = [...masked, ...(masked.length && !longEnough.length ? [] : chosen.map(phraseOfWord))];
  return found.filter((one, i) => found.findIndex((other) => other.column === one.column && other.phrase === one.phrase) === i);
}

/** Whether a document holds a phrase, as the trigram index decides it: the run (or its alternative) inside the column's text. */
export const documentHolds = (document: SearchDocument, { column, phrase, or }: SearchPhrase) =>
  document[column].includes(phrase) || (or !== undefined && document[column].includes(or));

const quoted = (column: SearchColumn, phrase: string) => `${column} : "${phrase.replaceAll('"', '""')}"`;

/** The FTS5 query of the phrases: each a quoted string in its column (or its alternative), all of them required. */
export const searchMatchExpression = (phrases: readonly SearchPhrase[]) =>
  phrases.map(({ column, phrase, or }) => (or === undefined ? quoted(column, phrase) : `(${quoted(column, phrase)} OR ${quoted(column, or)})`)).join(' AND ');
