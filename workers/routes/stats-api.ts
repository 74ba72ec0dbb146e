import { Hono } from 'hono';
import { figureDefinitions, type FigureGroup, type Figures } from '../../domain/figures';
import { statsQuerySchema } from '../../schemas/stats';
import type { AppEnv } from '../env';
import { validated } from './validated';
import { toCsv, csvHeaders, type CsvCell } from '../export/csv';
import { requirePermission, requireUser } from '../middleware/auth';
import { readFigures, type FiguresAnswer } from '../services/figures';
import { policyInForce } from '../services/sla-policy';

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

/** The station's and the county's figures over a period (supervisors and admins). */
export const statsApi = new Hono<AppEnv>().use(requireUser('api')).get(
  '/',
  requirePermission('supervise'),
  validated('query', statsQuerySchema, 'invalid_query'),
  async (c) => {
    const { db } = c.get('services');
    const query = c.req.valid('query');
    const answer = await readFigures(db, c.get('user'), query, await policyInForce(c.env, db));
    if (!answer) return c.json({ error: 'not_found', message: 'No such jurisdiction within yours.' }, 404);
    if (query.format === 'csv') return c.body(figuresCsv(answer), 200, csvHeaders(`figures-${answer.from}-${answer.to}-${answer.groupBy}.csv`));
    return c.json(answer);
  },
);
