import type { Festival } from '../../domain/calendar/festivals';
import type { CountyDay } from '../../domain/calendar/working-days';
import { hasMessage, t, type FieldError, type Lang } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { Described, type QueryForm } from '../kit/query-fields';
import { fieldId } from '../kit/schema-form';

/** One year of the official calendar: its festivals, or none when its notice is not in the calendar. */
export type OfficialYear = { year: number; noticed: boolean; festivals: Festival[] };

export interface CalendarPageProps {
  frame: Frame;
  /** The policy version in force, whose calendar this is. */
  version: number;
  source: string;
  years: { from: number; to: number };
  shown: OfficialYear[];
  countyDays: readonly CountyDay[];
  /** The add form as typed, when it came back refused. */
  values?: Record<string, string>;
  errors?: readonly FieldError[];
  done?: { action: 'added' | 'removed'; date: string; version: number; cases: number };
  /** Another admin published this version while the page was open. */
  stale?: number;
}

const weekdaysZh = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const utc = (date: string) => new Date(`${date}T00:00:00Z`);
const parts = (date: string) => date.split('-').map(Number) as [number, number, number];

/** A date in the page's words; the year said only when it is not the one the reader is looking at. */
export function dateWords(lang: Lang, date: string, { year, weekday = false }: { year?: number; weekday?: boolean } = {}): string {
  const [y, m, d] = parts(date);
  const withYear = y !== year;
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, weekday: weekday ? 'short' : undefined, timeZone: 'UTC' }).format(utc(date));
  }
  return `${withYear ? `${y}年` : ''}${m}月${d}日${weekday ? `（${weekdaysZh[utc(date).getUTCDay()]}）` : ''}`;
}

/** "2月15日至23日", "4月29日至5月1日"; one date alone when the run is a single day. */
function rangeWords(lang: Lang, from: string, to: string, year: number): string {
  if (from === to) return dateWords(lang, from, { year });
  if (lang === 'en') {
    const withYear = parts(from)[0] !== year || parts(to)[0] !== year;
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' }).formatRange(utc(from), utc(to));
  }
  const [fy, fm] = parts(from);
  const [ty, tm, td] = parts(to);
  const end = fy === ty && fm === tm ? `${td}日` : dateWords(lang, to, { year: fy === ty ? year : undefined });
  return `${dateWords(lang, from, { year })}至${end}`;
}

const listed = (lang: Lang, items: string[]) => items.join(lang === 'en' ? ', ' : '、');

export const festivalName = (lang: Lang, name: string) => {
  const key = `calendar.festival.${name}`;
  return hasMessage(key) ? t(lang, key) : name;
};

/** "春节：2月15日至23日放假，2月14日、2月28日上班", as the notice says it. */
function festivalWords(lang: Lang, festival: Festival, year: number): string {
  const off = t(lang, 'calendar.festivalOff', { name: festivalName(lang, festival.name), off: rangeWords(lang, festival.off.from, festival.off.to, year) });
  if (!festival.makeUpDays.length) return off;
  return off + t(lang, 'calendar.festivalWork', { days: listed(lang, festival.makeUpDays.map((date) => dateWords(lang, date, { year }))) });
}

function OfficialYearSection({ lang, year }: { lang: Lang; year: OfficialYear }) {
  const id = `year-${year.year}`;
  return (
    <section aria-labelledby={id} data-testid={id}>
      <h3 id={id}>{t(lang, 'calendar.yearTitle', { year: year.year })}</h3>
      {year.noticed ? (
        <ul>
          {year.festivals.map((festival) => (
            <li data-festival={festival.name}>{festivalWords(lang, festival, year.year)}</li>
          ))}
        </ul>
      ) : (
        <p class="notice important">{t(lang, 'calendar.noNotice', { year: year.year })}</p>
      )}
    </section>
  );
}

function CountyDays({ lang, days, version }: { lang: Lang; days: readonly CountyDay[]; version: number }) {
  if (!days.length) return <p data-testid="no-county-days">{t(lang, 'calendar.countyEmpty')}</p>;
  return (
    <table class="board" data-testid="county-days">
      <thead>
        <tr>
          <th scope="col">{t(lang, 'calendar.dateColumn')}</th>
          <th scope="col">{t(lang, 'calendar.kindColumn')}</th>
          <th scope="col">{t(lang, 'calendar.nameColumn')}</th>
          <th scope="col">{t(lang, 'calendar.actionColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((day) => {
          const date = dateWords(lang, day.date, { weekday: true });
          return (
            <tr data-county-day={day.date}>
              <th scope="row">{date}</th>
              <td data-label={t(lang, 'calendar.kindColumn')}>{t(lang, `calendar.kind.${day.kind}`)}</td>
              <td data-label={t(lang, 'calendar.nameColumn')}>{day.name}</td>
              <td data-label={t(lang, 'calendar.actionColumn')}>
                <form method="post" action={`/admin/calendar/days/${day.date}/remove`}>
                  <input type="hidden" name="lang" value={lang} />
                  <input type="hidden" name="version" value={String(version + 1)} />
                  <button type="submit" class="secondary" aria-label={t(lang, 'calendar.removeNamed', { date, name: day.name })}>
                    {t(lang, 'calendar.remove')}
                  </button>
                </form>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function AddForm({ form, version }: { form: QueryForm; version: number }) {
  const { lang, values } = form;
  const invalid = (name: string) => (form.errors.some((error) => error.field === name) ? 'true' : undefined);
  return (
    <form method="post" action="/admin/calendar/days" data-testid="county-day-form" novalidate>
      <input type="hidden" name="lang" value={lang} />
      <input type="hidden" name="version" value={String(version + 1)} />
      <Described form={form} name="date" label={t(lang, 'calendar.field.date')} hint={t(lang, 'calendar.hint.date')}>
        {(describedBy) => <input type="date" id={fieldId('date')} name="date" value={values.date ?? ''} aria-describedby={describedBy} aria-invalid={invalid('date')} />}
      </Described>
      <Described form={form} name="kind" label={t(lang, 'calendar.field.kind')} hint={t(lang, 'calendar.hint.kind')}>
        {(describedBy) => (
          <select id={fieldId('kind')} name="kind" aria-describedby={describedBy} aria-invalid={invalid('kind')}>
            {(['holiday', 'workday'] as const).map((kind) => (
              <option value={kind} selected={values.kind === kind}>
                {t(lang, `calendar.kind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Described>
      <Described form={form} name="name" label={t(lang, 'calendar.field.name')} hint={t(lang, 'calendar.hint.name')}>
        {(describedBy) => <input type="text" id={fieldId('name')} name="name" value={values.name ?? ''} maxlength={30} autocomplete="off" aria-describedby={describedBy} aria-invalid={invalid('name')} />}
      </Described>
      <p class="hint">{t(lang, 'calendar.addHint', { version: version + 1 })}</p>
      <div class="actions">
        <button type="submit">{t(lang, 'calendar.add')}</button>
      </div>
    </form>
  );
}

/**
 * The working calendar in force: where its official days come from and what a year without a notice counts, this
 * year's and next year's holidays as the notice words them, and the county's own days, each added or removed as a
 * new version of the policy.
 */
export function CalendarPage({ frame, version, source, years, shown, countyDays, values = {}, errors = [], done, stale }: CalendarPageProps) {
  const { lang } = frame;
  const form: QueryForm = { lang, values, errors };
  return (
    <Layout frame={frame} title={t(lang, 'calendar.title')}>
      {done ? (
        <p class="notice success" role="status" data-testid="notice">
          {t(lang, `calendar.${done.action}`, { date: dateWords(lang, done.date), version: done.version, cases: done.cases })}
        </p>
      ) : null}
      {stale ? (
        <p class="refusal" role="alert" data-testid="refusal">
          {t(lang, 'calendar.stale', { version: stale })}
        </p>
      ) : null}
      <ErrorSummary lang={lang} errors={errors} />
      <p class="lead">{t(lang, 'calendar.lead')}</p>
      <section aria-labelledby="official-title" data-testid="official">
        <h2 id="official-title">{t(lang, 'calendar.officialTitle')}</h2>
        <p>{t(lang, 'calendar.source', { source, from: years.from, to: years.to, version })}</p>
        <p class="hint">{t(lang, 'calendar.provisional')}</p>
        {shown.map((year) => (
          <OfficialYearSection lang={lang} year={year} />
        ))}
      </section>
      <section aria-labelledby="county-title">
        <h2 id="county-title">{t(lang, 'calendar.countyTitle')}</h2>
        <CountyDays lang={lang} days={countyDays} version={version} />
      </section>
      <section aria-labelledby="add-title">
        <h2 id="add-title">{t(lang, 'calendar.addTitle')}</h2>
        <AddForm form={form} version={version} />
      </section>
    </Layout>
  );
}
