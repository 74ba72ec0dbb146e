import * as v from 'valibot';
import { daySchema } from './date-time';

/** How the figures may be grouped: by the case's channel, route, station, mediator, category, or the week or month it was filed. */
export const figureGroupings = ['none', 'channel', 'route', 'jurisdiction', 'mediator', 'category', 'week', 'month'] as const;
export type FigureGrouping = (typeof figureGroupings)[number];

// The messages are keys of the error words (workers/i18n), so a page and the API word them alike.
const localDate = daySchema('day');

/** GET /api/stats: a period of filing (local dates, `to` exclusive), a grouping, a jurisdiction within the reader's. */
export const statsQueryFields = v.object({
  from: v.optional(localDate),
  to: v.optional(localDate),
  groupBy: v.optional(v.picklist(figureGroupings), 'none'),
  jurisdiction: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{1,40}$/, 'jurisdictionCode'))),
  format: v.optional(v.picklist(['json', 'csv']), 'json'),
});

export const statsQuerySchema = v.pipe(
  statsQueryFields,
  v.forward(
    v.check((query) => !query.from || !query.to || query.from < query.to, 'periodOrder'),
    ['to'],
  ),
);
export type StatsQuery = v.InferOutput<typeof statsQuerySchema>;
