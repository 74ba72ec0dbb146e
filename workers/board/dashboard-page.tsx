import { figureDefinitions, type FigureGroup, type FigureName, type Figures } from '../../domain/figures';
import { figureGroupings } from '../../schemas/stats';
import { channels, routes } from '../../schemas/vocabulary';
import { t, type FieldError, type Lang } from '../i18n/messages';
import { boardQuery } from './board-filters';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { InputField, SelectField, type QueryForm } from '../kit/query-fields';
import { BarChart, ColumnChart, type Bar } from './svg-charts';
import { percent } from '../kit/percent';

/** What the dashboard draws: one cohort counted in several groupings, what is late now, and the month's ranking. */
export interface DashboardData {
  /** Local days; `to` is the first day not counted. */
  from: string;
  to: string;
  jurisdiction: string | null;
  total: Figures;
  byChannel: FigureGroup[];
  byWeek: FigureGroup[];
  overdue: { code: string; name: string; overdue: number }[];
  ranking: { month: string; mediators: { id: string; name: string; rank: number; figures: Figures }[] };
}

export interface DashboardProps {
  frame: Frame;
  places: { code: string; name: string; depth: number }[];
  values: Record<string, string>;
  errors: readonly FieldError[];
  data?: DashboardData;
}

const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** The headline figures, each with its definition as its hint. */
const headline: FigureName[] = ['filed', 'firstContactOnTimeRate', 'feedbackRate', 'resolved', 'onTimeRate', 'satisfactionRate', 'overTheStationsHead', 'openLoad'];

function Headline({ lang, total }: { lang: Lang; total: Figures }) {
  return (
    <dl class="figures" data-testid="headline">
      {headline.map((name) => {
        const value = total[name];
        return (
          <div data-figure={name}>
            <dt>{t(lang, `figureName.${name}`)}</dt>
            <dd>
              <span class="figure">{typeof value === 'number' && !name.endsWith('Rate') ? String(value) : percent(value as number | null)}</span>
              <span class="hint">{t(lang, `figure.${name}`)}</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function PeriodForm({ form, places }: { form: QueryForm; places: DashboardProps['places'] }) {
  const { lang } = form;
  return (
    <form method="get" action="/dashboard" class="filters" aria-label={t(lang, 'dashboard.periodLabel')}>
      <div class="filter-grid">
        <InputField form={form} name="from" type="date" hint={t(lang, 'dashboard.fromHint')} />
        <InputField form={form} name="to" type="date" hint={t(lang, 'dashboard.toHint')} />
        <SelectField
          form={form}
          name="jurisdiction"
          anyLabel={t(lang, 'board.allPlaces')}
          options={places.map((place) => ({ value: place.code, label: `${'　'.repeat(place.depth)}${t(lang, 'board.aside', { text: place.name, aside: place.code })}` }))}
        />
        <InputField form={form} name="month" type="month" hint={t(lang, 'dashboard.monthHint')} />
      </div>
      <div class="actions">
        <button type="submit">{t(lang, 'dashboard.show')}</button>
        <a href="/dashboard">{t(lang, 'dashboard.thisMonth')}</a>
      </div>
    </form>
  );
}

function Charts({ lang, data }: { lang: Lang; data: DashboardData }) {
  const within = data.jurisdiction ?? undefined;
  // The board shows the cases a bar counts: filed in the period (its last day included), whatever their status.
  const boardOf = (filter: Record<string, string>) => `/board${boardQuery({ jurisdiction: within ?? '', status: 'all', filedFrom: data.from, filedTo: dayBefore(data.to), ...filter })}`;
  const filedBy = new Map(data.byChannel.map((group) => [group.key, group.figures.filed]));
  const byChannel: Bar[] = channels.map((channel) => ({ label: t(lang, `channel.${channel}`), value: filedBy.get(channel) ?? 0, href: boardOf({ channel }) }));
  const byRoute: Bar[] = routes.map((route) => ({ label: t(lang, `route.${route}`), value: data.total.resolvedByRoute[route], href: boardOf({ route }) }));
  const { firstContactDue, firstContactOnTime, firstContactOnTimeRate } = data.total;
  const firstContact: Bar[] = [
    { label: t(lang, 'dashboard.onTime'), value: firstContactOnTime },
    { label: t(lang, 'dashboard.lateContact'), value: firstContactDue - firstContactOnTime, tone: 'late' },
  ];
  const overdue: Bar[] = data.overdue.map((place) => ({
    label: place.name,
    value: place.overdue,
    tone: 'late',
    href: `/board${boardQuery({ jurisdiction: place.code, overdue: '1' })}`,
  }));
  const weekly: Bar[] = data.byWeek.map((group) => ({ label: group.key.slice(5), value: group.figures.filed }));
  const ranking: Bar[] = data.ranking.mediators.map((mediator) => ({
    label: t(lang, 'dashboard.rankedName', { rank: mediator.rank, name: mediator.name }),
    value: Math.round((mediator.figures.onTimeRate ?? 0) * 100),
    shown: t(lang, 'dashboard.rankValue', { rate: percent(mediator.figures.onTimeRate), resolved: mediator.figures.resolved, open: mediator.figures.openLoad }),
    href: `/board${boardQuery({ assignee: mediator.id })}`,
  }));
  return (
    <div class="charts">
      <BarChart id="by-channel" lang={lang} title={t(lang, 'dashboard.byChannel')} description={t(lang, 'figure.filed')} bars={byChannel} />
      <BarChart id="by-route" lang={lang} title={t(lang, 'dashboard.byRoute')} description={t(lang, 'figure.resolvedByRoute')} bars={byRoute} />
      <BarChart
        id="first-contact"
        lang={lang}
        title={t(lang, 'dashboard.firstContact', { rate: percent(firstContactOnTimeRate) })}
        description={t(lang, 'figure.firstContactOnTime')}
        bars={firstContactDue ? firstContact : []}
      />
      <BarChart id="overdue-by-place" lang={lang} title={t(lang, 'dashboard.overdueByPlace')} description={t(lang, 'dashboard.overdueByPlaceHint')} bars={overdue} />
      <ColumnChart id="weekly" lang={lang} title={t(lang, 'dashboard.weekly')} description={t(lang, 'dashboard.weeklyHint')} bars={weekly} />
      <BarChart
        id="ranking"
        lang={lang}
        title={t(lang, 'dashboard.ranking', { month: data.ranking.month })}
        description={t(lang, 'figure.onTimeRate')}
        bars={ranking}
        max={100}
      />
    </div>
  );
}

/** The figures' files: the same period, one row per group of the grouping chosen. */
function Downloads({ lang, values }: { lang: Lang; values: Record<string, string> }) {
  const period = { from: values.from ?? '', to: values.to ?? '', jurisdiction: values.jurisdiction ?? '' };
  return (
    <section aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t(lang, 'dashboard.downloads')}</h2>
      <ul class="downloads">
        {figureGroupings.map((groupBy) => (
          <li>
            <a href={`/dashboard.csv${boardQuery({ ...period, groupBy })}`} download>
              {t(lang, `dashboard.csvBy.${groupBy}`)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Definitions({ lang }: { lang: Lang }) {
  return (
    <details class="definitions">
      <summary>{t(lang, 'dashboard.definitions')}</summary>
      <dl class="summary">
        {(Object.keys(figureDefinitions) as FigureName[]).map((name) => (
          <>
            <dt>{t(lang, `figureName.${name}`)}</dt>
            <dd>{t(lang, `figure.${name}`)}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/** The supervisor's dashboard: the period's headline figures, six charts, the definitions and the CSV. */
export function DashboardPage({ frame, places, values, errors, data }: DashboardProps) {
  const { lang } = frame;
  // The form shows the period and month on screen, those asked for or the defaults the figures were read for.
  const shown = data ? { from: data.from, to: dayBefore(data.to), month: data.ranking.month, ...values } : values;
  return (
    <Layout frame={frame} title={t(lang, 'dashboard.title')}>
      <div class="wide">
        <ErrorSummary lang={lang} errors={errors} />
        <PeriodForm form={{ lang, values: shown, errors }} places={places} />
        {data ? (
          <>
            <p class="lead" data-testid="period">
              {t(lang, 'dashboard.period', { from: data.from, to: dayBefore(data.to) })}
            </p>
            <Headline lang={lang} total={data.total} />
            <Charts lang={lang} data={data} />
            <Definitions lang={lang} />
            <Downloads lang={lang} values={{ ...values, from: data.from, to: dayBefore(data.to) }} />
          </>
        ) : null}
      </div>
    </Layout>
  );
}
