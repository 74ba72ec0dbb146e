import { figureDefinitions, type FigureGroup, type Figures } from '../../domain/figures';
import type { FiguresAnswer } from './figures';
import { csvHeaders, toCsv, type CsvCell } from '../cases/csv';

/** A figure as CSV columns: a number stays one column, a breakdown (by route, by exit) becomes one column each. */
type Column = { name: string; read: (figures: Figures) => CsvCell };

function columnsOf(answer: FiguresAnswer): Column[] {
  const transferKeys = [...new Set([answer.total, ...answer.groups.map((group) => group.figures)].flatMap((f) => Object.keys(f.transfers)))].sort();
  return (Object.keys(figureDefinitions) as (keyof Figures)[]).flatMap((name): Column[] => {
    const sample = answer.total[name];
    if (name === 'transfers') return transferKeys.map((key) => ({ name: `transfers ${key}`, read: (f: Figures) => f.transfers[key] ?? 0 }));
    if (sample !== null && typeof sample === 'object') {
      return Object.keys(sample).map((key) => ({ name: `${name} ${key}`, read: (f: Figures) => (f[name] as Record<string, number>)[key] }));
    }
    return [{ name, read: (f: Figures) => f[name] as CsvCell }];
  });
}

function figuresCsv(answer: FiguresAnswer) {
  const columns = columnsOf(answer);
  const row = (group: FigureGroup | { key: string; rank?: number; figures: Figures }) => [group.key, group.rank ?? '', ...columns.map((c) => c.read(group.figures))];
  return toCsv([answer.groupBy, 'rank', ...columns.map((c) => c.name)], [...answer.groups.map(row), row({ key: 'total', figures: answer.total })]);
}

/** The figures as a station files them: one row per group, then the total, named after the period and grouping. */
export const figuresCsvFile = (answer: FiguresAnswer) => ({
  body: figuresCsv(answer),
  headers: csvHeaders(`figures-${answer.from}-${answer.to}-${answer.groupBy}.csv`),
});
