import type { Database } from '../../db/client';
import { findCaseDetail, type CaseDetail } from '../../db/queries/cases';
import { canSee } from '../../domain/jurisdiction';
import { maskContactsInText, maskContactsWithin } from '../../domain/masking';
import { contactsAsSeenBy, may } from '../../domain/permissions';
import type { SignedInUser } from '../../db/queries/users';
import type { Role } from '../../schemas/vocabulary';
import { noteCaseRead } from './case-reads';
import type { EdgeServices } from './edge-services';

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

/** The case with its parties' phones and the numbers written into its summary and address as the reader's role may read them. */
export function caseViewAsSeenBy(role: Role, view: CaseView): CaseView {
  if (may(role, 'readContacts')) return view;
  const seen = contactsAsSeenBy(role, { summary: view.summary, address: view.where.address, parties: view.parties });
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

/** A case's rows when its reader may see them; outside their jurisdiction it is as missing as a case that does not exist. */
export async function findVisibleCase(db: Database, reader: { role: Role; jurisdictionPath: string }, caseId: string) {
  const detail = await findCaseDetail(db, caseId);
  return detail && canSee(reader, detail.case.jurisdictionPath) ? detail : undefined;
}

/** A case as its reader may see it. */
export async function readCase(db: Database, reader: { role: Role; jurisdictionPath: string }, caseId: string): Promise<CaseView | undefined> {
  const detail = await findVisibleCase(db, reader, caseId);
  return detail && caseViewAsSeenBy(reader.role, toCaseView(detail));
}

/** The whole case through the API: a supervisor's or admin's read is recorded for the audit. */
export async function readWholeCase(services: Pick<EdgeServices, 'db' | 'defer'>, reader: SignedInUser, caseId: string): Promise<CaseView | undefined> {
  const detail = await findVisibleCase(services.db, reader, caseId);
  if (!detail) return undefined;
  noteCaseRead(services, reader, detail.case, 'api');
  return caseViewAsSeenBy(reader.role, toCaseView(detail));
}
