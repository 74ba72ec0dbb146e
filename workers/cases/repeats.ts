import * as v from 'valibot';
import type { Database } from '../../db/client';
import { findCaseDetail, type CaseDetail } from '../../db/queries/cases';
import type { IdempotencyRecord } from '../../db/queries/idempotency';
import { insertRepeatReport, type RepeatCandidate } from '../../db/queries/repeats';
import { partiesToAdd, phoneKey } from '../../domain/repeat-matching';
import { partySearchDocument } from '../../domain/search-index';
import type { RepeatReport } from '../../schemas/case-state';
import { intakeSchemas, type Intake } from '../../schemas/intake';
import { channels, type Channel } from '../../schemas/vocabulary';
import type { EdgeServices } from '../runtime/edge-services';
import { deliverOutboxRow } from '../sync/outbox-delivery';

/** A party as stored: with the key a later intake finds it by. */
export const withPhoneKey = <P extends { phone?: string }>(party: P) => ({ ...party, phoneKey: phoneKey(party.phone) });

/** The intake a `repeat_report` row kept; undefined for a row merged before whole intakes were kept. */
export function intakeOfRepeatReport(detail: Record<string, unknown>): { channel: Channel; intake: Intake } | undefined {
  const channel = v.safeParse(v.picklist(channels), detail.channel);
  if (!channel.success) return undefined;
  const intake = v.safeParse(intakeSchemas[channel.output], detail);
  return intake.success ? { channel: channel.output, intake: intake.output } : undefined;
}

/**
 * The same dispute again: the report joins the earlier case. Its parties and risks join the case's; its category
 * and everything else stay on its timeline row, whole, in case a supervisor finds it was not the same dispute.
 */
export async function mergeRepeat(
  db: Database,
  earlier: RepeatCandidate,
  report: { reportedBy: string; channel: Channel; intake: Intake; at: string; idempotency?: IdempotencyRecord; mergedFrom?: string },
) {
  const { reportedBy, channel, intake, at, mergedFrom } = report;
  // The workflow keeps a short summary (the whole report is on the timeline) and ignores a report it has seen.
  const payload: RepeatReport = { id: crypto.randomUUID(), channel, at, summary: intake.summary.slice(0, 200), reportedBy, riskFlags: intake.riskFlags };
  const newParties = partiesToAdd(earlier.parties, intake.parties);
  return insertRepeatReport(
    db,
    {
      caseId: earlier.id,
      actor: reportedBy,
      at,
      detail: { channel, ...intake, ...(mergedFrom ? { mergedFrom } : {}) },
      payload,
      newParties: newParties.map(withPhoneKey),
      riskFlags: intake.riskFlags,
      search: newParties.length ? partySearchDocument(newParties) : undefined,
    },
    report.idempotency,
  );
}

/**
 * A case closed as a duplicate joins the case it duplicates, as a repeat report would: its parties and risks
 * join that case, its report goes on that case's timeline, and that case's workflow hears of it.
 */
export async function mergeDuplicate({ db, gateway }: EdgeServices, duplicate: CaseDetail, intoCaseId: string, by: string) {
  const into = await findCaseDetail(db, intoCaseId);
  if (!into) return;
  const { case: row } = duplicate;
  const intake = {
    category: row.category,
    summary: row.summary,
    ...(row.occurredAt ? { occurredAt: row.occurredAt } : {}),
    where: { address: row.address, gridCellCode: row.gridCellCode },
    parties: duplicate.parties.map(({ name, role, phone, address }) => ({ name, role, ...(phone ? { phone } : {}), ...(address ? { address } : {}) })),
    riskFlags: row.riskFlags,
    source: row.channelDetails,
  } as Intake;
  const outboxRow = await mergeRepeat(db, { ...into.case, parties: into.parties }, { reportedBy: by, channel: row.channel, intake, at: new Date().toISOString(), mergedFrom: row.caseNumber });
  await deliverOutboxRow(db, gateway, outboxRow);
}
