import { offsetMs } from '../../domain/clocks/local-time';
import { changeActions, signInResults, type ChangeDetail } from '../../schemas/audit';
import { hasMessage, t, tField, type FieldError, type Lang } from '../i18n/messages';
import { ErrorSummary } from '../kit/error-summary';
import type { Frame } from '../kit/frame';
import { Layout } from '../kit/layout';
import { Described, SelectField, type QueryForm } from '../kit/query-fields';
import { fieldId } from '../kit/schema-form';
import type { caseReadsSeenBy, changesSeenBy, signInsSeenBy } from './audit-lists';

export const auditTabs = ['caseReads', 'signIns', 'changes'] as const;
export type AuditTab = (typeof auditTabs)[number];

/** One tab's page of rows, as its list answered it. */
export type AuditListing =
  | { tab: 'caseReads'; rows: Awaited<ReturnType<typeof caseReadsSeenBy>>['rows'] }
  | { tab: 'signIns'; rows: Awaited<ReturnType<typeof signInsSeenBy>>['rows'] }
  | { tab: 'changes'; rows: Awaited<ReturnType<typeof changesSeenBy>>['rows'] };

/** An audit time to the second, in the county's time: two tries a minute apart must not read as one. */
export const localSecond = (instant: string, utcOffset: string) => new Date(Date.parse(instant) + offsetMs(utcOffset)).toISOString().slice(0, 19).replace('T', ' ');

/** A change's detail in words: "名称：钱调解员；角色：调解员". */
export function detailText(lang: Lang, detail: ChangeDetail) {
  return Object.entries(detail)
    .map(([key, value]) => {
      const label = hasMessage(`audit.detail.${key}`) ? tField(lang, `audit.detail.${key}`) : key;
      const shown = Array.isArray(value) ? value.join('、') : key === 'role' && typeof value === 'string' ? tField(lang, `page.role.${value}`) : String(value ?? '—');
      return `${label}：${shown}`;
    })
    .join('；');
}

/** The filter fields a tab's page and CSV read, besides the tab itself. */
export const auditLabel = (lang: Lang) => (field: string) =>
  field === 'user' ? t(lang, 'audit.user') : field === 'outcome' ? t(lang, 'audit.outcomeLabel') : field === 'action' ? t(lang, 'audit.actionLabel') : tField(lang, field);

function DayField({ form, name }: { form: QueryForm; name: 'from' | 'to' }) {
  return (
    <Described form={form} name={name} hint={t(form.lang, 'audit.periodHint')}>
      {(describedBy, invalid) => (
        <input id={fieldId(name)} name={name} type="date" value={form.values[name] ?? ''} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} />
      )}
    </Described>
  );
}

function Filters({ form, tab }: { form: QueryForm; tab: AuditTab }) {
  const { lang } = form;
  return (
    <form method="get" action="/admin/audit" class="filters" role="search" aria-label={t(lang, 'audit.filtersLabel')}>
      <input type="hidden" name="tab" value={tab} />
      <div class="filter-grid">
        <DayField form={form} name="from" />
        <DayField form={form} name="to" />
        <Described form={form} name="user" label={t(lang, 'audit.user')} hint={t(lang, `audit.userHint.${tab}`)}>
          {(describedBy, invalid) => (
            <input id={fieldId('user')} name="user" type="text" value={form.values.user ?? ''} autocapitalize="none" spellcheck={false} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined} />
          )}
        </Described>
        {tab === 'signIns' ? (
          <SelectField form={form} name="outcome" label={t(lang, 'audit.outcomeLabel')} anyLabel={t(lang, 'audit.anyOutcome')} options={signInResults.map((value) => ({ value, label: t(lang, `audit.outcome.${value}`) }))} />
        ) : null}
        {tab === 'changes' ? (
          <SelectField form={form} name="action" label={t(lang, 'audit.actionLabel')} anyLabel={t(lang, 'audit.anyAction')} options={changeActions.map((value) => ({ value, label: t(lang, `audit.action.${value}`) }))} />
        ) : null}
      </div>
      <div class="actions">
        <button type="submit">{t(lang, 'audit.apply')}</button>
        <a href={`/admin/audit?tab=${tab}`}>{t(lang, 'audit.clear')}</a>
      </div>
    </form>
  );
}

function Head({ lang, columns }: { lang: Lang; columns: readonly Parameters<typeof colKey>[0][] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col">{t(lang, colKey(column))}</th>
        ))}
      </tr>
    </thead>
  );
}
const colKey = (column: 'at' | 'case' | 'reader' | 'via' | 'user' | 'login' | 'way' | 'outcome' | 'address' | 'doneBy' | 'action' | 'target' | 'detail') => `audit.col.${column}` as const;

function Rows({ frame, listing }: { frame: Frame; listing: AuditListing }) {
  const { lang, utcOffset } = frame;
  const cell = (column: Parameters<typeof colKey>[0]) => t(lang, colKey(column));
  const when = (at: string) => <time datetime={at}>{localSecond(at, utcOffset)}</time>;
  if (listing.tab === 'caseReads')
    return (
      <table class="board" data-testid="case-reads">
        <caption class="visually-hidden">{t(lang, 'audit.tab.caseReads')}</caption>
        <Head lang={lang} columns={['at', 'case', 'reader', 'via']} />
        <tbody>
          {listing.rows.map((row) => (
            <tr data-read={row.id}>
              <td data-label={cell('at')}>{when(row.readAt)}</td>
              <th scope="row" data-label={cell('case')}>
                <a href={`/cases/${row.caseId}`}>{row.caseNumber}</a>
              </th>
              <td data-label={cell('reader')}>
                {row.readerName} <span class="muted">{row.readerId}</span>
              </td>
              <td data-label={cell('via')}>{t(lang, `audit.via.${row.via}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  if (listing.tab === 'signIns')
    return (
      <table class="board" data-testid="sign-ins">
        <caption class="visually-hidden">{t(lang, 'audit.tab.signIns')}</caption>
        <Head lang={lang} columns={['at', 'user', 'login', 'way', 'outcome', 'address']} />
        <tbody>
          {listing.rows.map((row) => (
            <tr data-sign-in={row.id} data-outcome={row.outcome}>
              <td data-label={cell('at')}>{when(row.at)}</td>
              <th scope="row" data-label={cell('user')}>
                {row.userId ? (
                  <a href={`/admin/users/${encodeURIComponent(row.userId)}`}>{row.userName ?? row.userId}</a>
                ) : (
                  <span class="muted">{t(lang, 'audit.unknownAccount')}</span>
                )}
              </th>
              <td data-label={cell('login')}>{row.login || '—'}</td>
              <td data-label={cell('way')}>{t(lang, `audit.way.${row.way}`)}</td>
              <td data-label={cell('outcome')}>{row.outcome === 'signedIn' ? t(lang, 'audit.outcome.signedIn') : <strong>{t(lang, `audit.outcome.${row.outcome}`)}</strong>}</td>
              <td data-label={cell('address')}>{row.address}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <table class="board" data-testid="changes">
      <caption class="visually-hidden">{t(lang, 'audit.tab.changes')}</caption>
      <Head lang={lang} columns={['at', 'doneBy', 'action', 'target', 'detail']} />
      <tbody>
        {listing.rows.map((row) => (
          <tr data-change={row.id} data-action={row.action}>
            <td data-label={cell('at')}>{when(row.at)}</td>
            <th scope="row" data-label={cell('doneBy')}>
              {row.doneByName} <span class="muted">{row.doneBy}</span>
            </th>
            <td data-label={cell('action')}>{t(lang, `audit.action.${row.action}`)}</td>
            <td data-label={cell('target')}>
              {t(lang, `audit.target.${row.targetKind}`)} {row.targetId}
            </td>
            <td data-label={cell('detail')}>{detailText(lang, row.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface AuditPageProps {
  frame: Frame;
  tab: AuditTab;
  /** The filters as asked, empty ones left out, the tab and cursor not among them. */
  values: Record<string, string>;
  errors: readonly FieldError[];
  listing?: AuditListing;
  /** The cursor this page was read from, and the next page's. */
  cursor?: string;
  nextCursor: string | null;
  csvLimit: number;
}

/** The audit an admin reads: a tab for each kind of record, filters, newest first a page at a time, and the CSV of it. */
export function AuditPage({ frame, tab, values, errors, listing, cursor, nextCursor, csvLimit }: AuditPageProps) {
  const { lang } = frame;
  const form: QueryForm = { lang, values, errors };
  const query = (extra: Record<string, string>) => new URLSearchParams({ tab, ...values, ...extra }).toString();
  return (
    <Layout frame={frame} title={t(lang, 'audit.title')}>
      <div class="wide">
        <p class="lead">{t(lang, 'audit.lead', { place: frame.user?.jurisdictionName ?? '' })}</p>
        <nav aria-label={t(lang, 'audit.tabsLabel')}>
          <ul class="channel-tabs">
            {auditTabs.map((each) => (
              <li>
                <a href={`/admin/audit?tab=${each}`} aria-current={each === tab ? 'page' : undefined}>
                  {t(lang, `audit.tab.${each}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <ErrorSummary lang={lang} errors={errors} />
        <Filters form={form} tab={tab} />
        {listing ? (
          <>
            <p class="actions">
              <a class="button secondary" href={`/admin/audit.csv?${query(cursor ? { cursor } : {})}`} download>
                {t(lang, 'audit.download')}
              </a>
            </p>
            <p class="hint">{t(lang, 'audit.downloadHint', { limit: csvLimit })}</p>
            {tab === 'signIns' ? <p class="hint">{t(lang, 'audit.unknownSignInsNote')}</p> : null}
            <p role="status" data-testid="result-count">
              {listing.rows.length ? t(lang, 'audit.shown', { count: listing.rows.length }) : t(lang, 'audit.none')}
            </p>
            {listing.rows.length ? <Rows frame={frame} listing={listing} /> : null}
            <p class="pager">
              {cursor ? <a href={`/admin/audit?${query({})}`}>{t(lang, 'audit.newest')}</a> : null}
              {nextCursor ? (
                <a href={`/admin/audit?${query({ cursor: nextCursor })}`} rel="next">
                  {t(lang, 'audit.older')}
                </a>
              ) : null}
            </p>
          </>
        ) : null}
      </div>
    </Layout>
  );
}
