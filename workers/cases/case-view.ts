import type { Database } from '../../db/client';
import { findCaseDetail, type CaseDetail } from '../../db/queries/cases';
import { maskContactsInText, maskContactsWithin } from '../../domain/masking';
import { contactsAsSeenBy, mayReadCase, readsContactsOf, type CaseReader, type ReadableCase } from '../../domain/permissions';
import type { SignedInUser } from '../../db/queries/users';
import type { CaseReadVia } from '../../schemas/audit';
import type { Department } from '../../schemas/vocabulary';
import { noteCaseRead } from './case-reads';
import type { EdgeServices } from '../runtime/edge-services';

/** The case as the API shows it: the projection in D1, its open clocks with their due times, and its timeline. */
export function toCaseView({ case: row, parties, clocks, timeline }: CaseDetail) {
  return {
    id: row.id,
    caseNumber: row.caseNumber,
    channel: row.channel,
    status: row.status,
    category: row.category,
    summary: row.summary,
    occurredAt: row.occurredAt,
    where: { address: row.address, gridCellCode: row.gridCellCode },
    jurisdictionCode: row.jurisdictionCode,
    riskFlags: row.riskFlags,
    source: row.channelDetails,
    filedBy: row.filedBy,
    filedAt: row.filedAt,
    overdue: row.overdue,
    route: row.route,
    hardCase: row.hardCase,
    order: row.orderStage,
    assigneeId: row.assigneeId,
    escalationLevel: row.escalationLevel,
    outcome: row.outcome,
    paused: row.paused,
    deadlines: Object.fromEntries(clocks.filter((clock) => !clock.stoppedAt).map((clock) => [clock.clock, clock.dueAt])),
    clocks: clocks.map(({ caseId: _, ...clock }) => clock),
    // The phone key is how repeats are matched, the number whole: it stays in D1.
    parties: parties.map(({ caseId: _, position: __, phoneKey: ___, ...party }) => party),
    timeline: timeline.map(({ caseId: _, ...event }) => event),
    /** The workflow's own picture of the case as last reported: route stage, departments, routes left, return visits. */
    process: row.progress,
    /** For a report wrongly merged into another case and split out: that case and its `repeat_report` row. */
    splitFrom: row.splitFrom ? { caseId: row.splitFrom, repeatEventId: row.splitFromReport } : null,
  };
}

export type CaseView = ReturnType<typeof toCaseView>;

/** The case with its parties' phones and the numbers written into its summary and address as its reader may read them. */
export function caseViewAsSeenBy(reader: Pick<CaseReader, 'id' | 'role'>, view: CaseView): CaseView {
  if (readsContactsOf(reader, view)) return view;
  const seen = contactsAsSeenBy(reader, { summary: view.summary, address: view.where.address, assigneeId: view.assigneeId, parties: view.parties });
  return {
    ...view,
    summary: seen.summary,
    where: { ...view.where, address: seen.address },
    parties: seen.parties,
    source: maskContactsWithin(view.source),
    process: maskContactsWithin(view.process),
    timeline: view.timeline.map((event) => ({ ...event, reason: event.reason && maskContactsInText(event.reason), detail: maskContactsWithin(event.detail) })),
  };
}

/** What the permission table reads of a case row to decide whether someone may read it. */
export const readableOf = (row: CaseDetail['case']): ReadableCase => ({
  jurisdictionPath: row.jurisdictionPath,
  assigneeId: row.assigneeId,
  departments: Object.keys(row.progress?.route.departments ?? {}) as Department[],
});

/** A case's rows when its reader may read it; otherwise it is as missing as a case that does not exist. */
export async function findVisibleCase(db: Database, reader: CaseReader, caseId: string) {
  const detail = await findCaseDetail(db, caseId);
  return detail && mayReadCase(reader, readableOf(detail.case)) ? detail : undefined;
}

/**
 * The whole case as its reader may read it, through the API or a page. Every such read is recorded for the admin,
 * whoever reads: the audit answers who saw a party's particulars, not only who could.
 */
export async function readWholeCase(services: Pick<EdgeServices, 'db' | 'defer' | 'timed'>, reader: SignedInUser, caseId: string, via: CaseReadVia): Promise<CaseView | undefined> {
  const detail = await services.timed('answer', findVisibleCase(services.db, reader, caseId));
  if (!detail) return undefined;
  noteCaseRead(services, reader, detail.case, via);
  return caseViewAsSeenBy(reader, toCaseView(detail));
}
