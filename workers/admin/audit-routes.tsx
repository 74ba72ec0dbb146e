import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { caseReadFilteredQuerySchema, changeListQuerySchema, signInListQuerySchema } from '../../schemas/audit';
import type { AppEnv } from '../env';
import { fieldErrors, t, type Lang } from '../i18n/messages';
import { requireUser } from '../middleware/auth';
import { askedFields } from '../kit/asked-fields';
import { csvHeaders, toCsv, type CsvCell } from '../cases/csv';
import { nextPageUrl } from '../kit/paging';
import { requirePagePermission } from '../kit/page-errors';
import { frameOf } from '../kit/page-frame';
import { caseReadsSeenBy, changesSeenBy, signInsSeenBy } from './audit-lists';
import { AuditPage, auditLabel, auditTabs, detailText, localSecond, type AuditListing, type AuditTab } from './audit-page';

/** Rows a download holds at most; its `Link` header names the older ones. */
const csvLimit = 1000;

const schemas = { caseReads: caseReadFilteredQuerySchema, signIns: signInListQuerySchema, changes: changeListQuerySchema } as const;

/** The tab and its filters as asked; the page and its download read them alike. */
async function readAudit(c: Context<AppEnv>, rowsAtMost?: number) {
  const { tab: askedTab, ...values } = askedFields(c);
  const tab: AuditTab = auditTabs.find((each) => each === askedTab) ?? 'caseReads';
  const lang = c.get('lang');
  const frame = await frameOf(c);
  const parsed = v.safeParse(schemas[tab], values);
  if (!parsed.success) return { frame, tab, values, errors: fieldErrors(parsed.issues, lang, auditLabel(lang)) };
  const { db } = c.get('services');
  const admin = c.get('user');
  const query = { ...parsed.output, limit: rowsAtMost ?? parsed.output.limit };
  const { utcOffset } = frame;
  let listing: AuditListing;
  let nextCursor: string | null;
  if (tab === 'signIns') {
    const page = await signInsSeenBy(db, admin, query, utcOffset);
    ({ nextCursor } = page);
    listing = { tab, rows: page.rows };
  } else if (tab === 'changes') {
    const page = await changesSeenBy(db, admin, query, utcOffset);
    ({ nextCursor } = page);
    listing = { tab, rows: page.rows };
  } else {
    const page = await caseReadsSeenBy(db, admin, query, utcOffset);
    ({ nextCursor } = page);
    listing = { tab, rows: page.rows };
  }
  return { frame, tab, values, errors: [], listing, nextCursor };
}

/** A cell a spreadsheet must not read as a formula: a name typed at sign-in is anyone's text. */
const inert = (text: string | null | undefined) => (text && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function csvOf(lang: Lang, utcOffset: string, listing: AuditListing) {
  const when = (at: string) => localSecond(at, utcOffset);
  const head = (...keys: Parameters<typeof t>[1][]) => keys.map((key) => t(lang, key));
  if (listing.tab === 'caseReads')
    return toCsv(
      head('audit.col.at', 'audit.col.case', 'audit.user', 'audit.col.reader', 'audit.col.via'),
      listing.rows.map((row): CsvCell[] => [when(row.readAt), row.caseNumber, row.readerId, inert(row.readerName), t(lang, `audit.via.${row.via}`)]),
    );
  if (listing.tab === 'signIns')
    return toCsv(
      head('audit.col.at', 'audit.user', 'audit.col.user', 'audit.col.login', 'audit.col.way', 'audit.col.outcome', 'audit.col.address'),
      listing.rows.map((row): CsvCell[] => [
        when(row.at),
        row.userId,
        inert(row.userName) ?? t(lang, 'audit.unknownAccount'),
        inert(row.login),
        t(lang, `audit.way.${row.way}`),
        t(lang, `audit.outcome.${row.outcome}`),
        row.address,
      ]),
    );
  return toCsv(
    head('audit.col.at', 'audit.user', 'audit.col.doneBy', 'audit.col.action', 'audit.col.target', 'audit.col.detail'),
    listing.rows.map((row): CsvCell[] => [
      when(row.at),
      row.doneBy,
      inert(row.doneByName),
      t(lang, `audit.action.${row.action}`),
      `${t(lang, `audit.target.${row.targetKind}`)} ${row.targetId}`,
      inert(detailText(lang, row.detail)),
    ]),
  );
}

/** The audit page and its CSV: admins only, their own jurisdiction and below. */
export const auditPages = new Hono<AppEnv>()
  .use('/admin/audit', requireUser('page'), requirePagePermission('readAudit'))
  .use('/admin/audit.csv', requireUser('page'), requirePagePermission('readAudit'))
  .get('/admin/audit', async (c) => {
    const read = await readAudit(c);
    const { cursor, ...filters } = read.values;
    const page = (
      <AuditPage frame={read.frame} tab={read.tab} values={filters} errors={read.errors} listing={read.listing} cursor={cursor} nextCursor={read.nextCursor ?? null} csvLimit={csvLimit} />
    );
    return c.html(page, read.errors.length ? 422 : 200);
  })
  .get('/admin/audit.csv', async (c) => {
    const read = await readAudit(c, csvLimit);
    if (!read.listing) {
      const { cursor, ...filters } = read.values;
      return c.html(<AuditPage frame={read.frame} tab={read.tab} values={filters} errors={read.errors} cursor={cursor} nextCursor={null} csvLimit={csvLimit} />, 422);
    }
    if (read.nextCursor) c.header('link', `<${nextPageUrl(c.req.url, read.nextCursor)}>; rel="next"`);
    const day = new Date().toISOString().slice(0, 10);
    return c.body(csvOf(read.frame.lang, read.frame.utcOffset, read.listing), 200, csvHeaders(`audit-${read.tab}-${day}.csv`));
  });
