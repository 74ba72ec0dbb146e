import type { Database } from '../../db/client';
import { namesOfUsers } from '../../db/queries/case-states';
import { findJurisdictionsByCode } from '../../db/queries/jurisdictions';
import { figureDefinitions, type FigureGroup, type Figures } from '../../domain/figures';
import { hasMessage, t, type Lang, type MessageKey } from '../i18n/messages';
import type { FiguresAnswer } from './figures';
import { csvHeaders, toCsv, type CsvCell } from '../cases/csv';

/** A figure as CSV columns: a number stays one column, a breakdown (by route, by exit) becomes one column each. */
type Column = { heading: string; read: (figures: Figures) => CsvCell };

/** A catalog's words for a key, or the key itself where the catalog has none (a week, a month, a code). */
const wordsOr = (lang: Lang, key: string, fallback: string) => (hasMessage(key) ? t(lang, key as MessageKey) : fallback);

/** A breakdown's part in words: a route, an exit kind, a transfer "from→to" between two routes. */
function partName(lang: Lang, name: keyof Figures, key: string): string {
  if (name === 'transfers') return key.split('→').map((route) => wordsOr(lang, `route.${route}`, route)).join('→');
  return wordsOr(lang, `route.${key}`, wordsOr(lang, `outcome.${key}`, key));
}

function columnsOf(answer: FiguresAnswer, lang: Lang): Column[] {
  const transferKeys = [...new Set([answer.total, ...answer.groups.map((group) => group.figures)].flatMap((f) => Object.keys(f.transfers)))].sort();
  const titled = (name: keyof Figures, key: string) => `${t(lang, `figureName.${name}`)}·${partName(lang, name, key)}`;
  return (Object.keys(figureDefinitions) as (keyof Figures)[]).flatMap((name): Column[] => {
    const sample = answer.total[name];
    if (name === 'transfers') return transferKeys.map((key) => ({ heading: titled(name, key), read: (f: Figures) => f.transfers[key] ?? 0 }));
    if (sample !== null && typeof sample === 'object') {
      return Object.keys(sample).map((key) => ({ heading: titled(name, key), read: (f: Figures) => (f[name] as Record<string, number>)[key] }));
    }
    return [{ heading: t(lang, `figureName.${name}`), read: (f: Figures) => f[name] as CsvCell }];
  });
}

/**
 * What a group's key means to a reader: a station's or a mediator's name, a channel, route or category in words; a
 * week or a month is its own name. Names are looked up once for the whole file.
 */
async function groupNames(db: Database, answer: FiguresAnswer, lang: Lang): Promise<(key: string) => string> {
  const keys = answer.groups.map((group) => group.key);
  if (answer.groupBy === 'jurisdiction') {
    const places = new Map((await findJurisdictionsByCode(db, keys)).map((place) => [place.code, place.name]));
    return (key) => places.get(key) ?? key;
  }
  if (answer.groupBy === 'mediator') {
    const people = await namesOfUsers(db, keys);
    return (key) => (key === 'unassigned' ? t(lang, 'board.unassigned') : (people.get(key) ?? key));
  }
  return (key) => wordsOr(lang, `${answer.groupBy}.${key}`, key);
}

/**
 * The figures as a station files them, in the reader's language: one row per group, then one total row. Counted
 * without a grouping, the one group is the total, so it is written once.
 */
export async function figuresCsvFile(db: Database, answer: FiguresAnswer, lang: Lang) {
  const columns = columnsOf(answer, lang);
  const nameOf = await groupNames(db, answer, lang);
  const row = (label: string, group: Pick<FigureGroup, 'rank' | 'figures'>) => [label, group.rank ?? '', ...columns.map((c) => c.read(group.figures))];
  const groups = answer.groupBy === 'none' ? [] : answer.groups.map((group) => row(nameOf(group.key), group));
  const header = [t(lang, `dashboard.csvGroup.${answer.groupBy}`), t(lang, 'dashboard.csvRank'), ...columns.map((c) => c.heading)];
  return {
    body: toCsv(header, [...groups, row(t(lang, 'dashboard.csvTotal'), { figures: answer.total })]),
    headers: csvHeaders(`figures-${answer.from}-${answer.to}-${answer.groupBy}.csv`),
  };
}
