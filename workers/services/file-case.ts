import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { findRepeatOf, insertFiledCase, insertRepeatReport, type CaseDetail } from '../../db/queries/cases';
import { findIdempotencyKey } from '../../db/queries/idempotency';
import type { OutboxRow } from '../../db/queries/outbox';
import type { SignedInUser } from '../../db/queries/users';
import { localDay, toInstant } from '../../domain/clocks/local-time';
import { planFirstContact } from '../../domain/clocks/plan';
import { isWithin, stationCodeOf, visiblePathOf } from '../../domain/jurisdiction';
import { repeatWindowMs } from '../../domain/repeats';
import type { RepeatReport } from '../../schemas/case-state';
import type { Intake } from '../../schemas/intake';
import type { SlaPolicy } from '../../schemas/policy';
import type { Channel } from '../../schemas/vocabulary';
import type { CaseWorkflowInput } from '../../schemas/workflow-input';
import { sha256Hex } from '../crypto';
import { customError, type FieldError, type Lang } from '../i18n/messages';
import { jurisdictionByCode } from './jurisdictions';

export type FilingOutcome =
  | { kind: 'filed'; caseId: string; detail: CaseDetail; outboxId: number; workflowInput: CaseWorkflowInput }
  | { kind: 'replayed'; caseId: string }
  | { kind: 'merged'; caseId: string; outboxRow: OutboxRow }
  | { kind: 'keyReused' }
  | { kind: 'invalid'; errors: FieldError[] };

export interface FilingRequest {
  user: SignedInUser;
  channel: Channel;
  intake: Intake;
  idempotencyKey?: string;
  policy: SlaPolicy;
  lang: Lang;
  now?: Date;
}

const futureSlackMs = 5 * 60_000;

/** A concurrent repeat under the same key won the race: its whole batch stands, ours left nothing behind. */
async function concurrentRepeat(
  db: Database,
  idempotency: { userId: string; key: string; requestHash: string },
  error: unknown,
): Promise<FilingOutcome | undefined> {
  if (!isUniqueViolation(error, 'idempotency_keys')) return undefined;
  const winner = await findIdempotencyKey(db, idempotency.userId, idempotency.key);
  if (!winner) return undefined;
  return winner.requestHash === idempotency.requestHash ? { kind: 'replayed', caseId: winner.caseId } : { kind: 'keyReused' };
}

/** Checks what the schema cannot know (where the grid cell is, whose it is), then writes the case in one batch. */
export async function fileCase(db: Database, request: FilingRequest): Promise<FilingOutcome> {
  const { user, channel, intake, policy, lang } = request;
  const now = request.now ?? new Date();
  const requestHash = await sha256Hex(JSON.stringify([channel, intake]));

  if (request.idempotencyKey) {
    const earlier = await findIdempotencyKey(db, user.id, request.idempotencyKey);
    if (earlier) return earlier.requestHash === requestHash ? { kind: 'replayed', caseId: earlier.caseId } : { kind: 'keyReused' };
  }

  const gridCell = await jurisdictionByCode(db, intake.where.gridCellCode);
  if (!gridCell || gridCell.level !== 'grid') return { kind: 'invalid', errors: [customError(lang, 'where.gridCellCode', 'gridCellUnknown')] };
  if (!isWithin(gridCell.path, visiblePathOf(user))) {
    return { kind: 'invalid', errors: [customError(lang, 'where.gridCellCode', 'gridCellOutside')] };
  }
  const occurredAt = intake.occurredAt && toInstant(intake.occurredAt, policy.utcOffset);
  if (occurredAt && Date.parse(occurredAt) > now.getTime() + futureSlackMs) {
    return { kind: 'invalid', errors: [customError(lang, 'occurredAt', 'occurredInFuture')] };
  }
  const stationCode = stationCodeOf(gridCell.path);
  if (!stationCode) throw new Error(`grid cell ${gridCell.code} has no station above it`);

  const filedAt = now.toISOString();
  const idempotency = request.idempotencyKey ? { userId: user.id, key: request.idempotencyKey, requestHash } : undefined;

  // Same party (by phone) or same address at this station within a year: the same dispute coming back.
  const earlier = await findRepeatOf(db, {
    jurisdictionCode: stationCode,
    visiblePath: visiblePathOf(user),
    address: intake.where.address,
    phones: intake.parties.flatMap((party) => (party.phone ? [party.phone] : [])),
    since: new Date(now.getTime() - repeatWindowMs).toISOString(),
  });
  if (earlier) {
    // The workflow keeps a short summary (the whole report is on the timeline) and ignores a report it has seen.
    const report: RepeatReport = { id: crypto.randomUUID(), channel, at: filedAt, summary: intake.summary.slice(0, 200), reportedBy: user.id };
    try {
      const outboxRow = await insertRepeatReport(
        db,
        { caseId: earlier.id, actor: user.id, at: filedAt, detail: { channel, summary: intake.summary, parties: intake.parties, source: intake.source }, payload: report },
        idempotency,
      );
      return { kind: 'merged', caseId: earlier.id, outboxRow };
    } catch (error) {
      const winner = idempotency && (await concurrentRepeat(db, idempotency, error));
      if (winner) return winner;
      throw error;
    }
  }

  const caseId = crypto.randomUUID();
  const filedDay = localDay(now, policy.utcOffset);
  const firstContact = planFirstContact(policy, now);
  const inputWithoutNumber: Omit<CaseWorkflowInput, 'caseNumber'> = {
    caseId,
    channel,
    jurisdictionCode: stationCode,
    filedAt,
    intake,
    policy,
  };
  try {
    const filed = await insertFiledCase(db, {
      case: {
        id: caseId,
        channel,
        status: 'queued',
        category: intake.category,
        summary: intake.summary,
        occurredAt,
        address: intake.where.address,
        gridCellCode: gridCell.code,
        jurisdictionCode: stationCode,
        jurisdictionPath: gridCell.path,
        riskFlags: intake.riskFlags,
        channelDetails: intake.source,
        filedBy: user.id,
        filedAt,
        filedDay,
        updatedAt: filedAt,
      },
      caseNumberPrefix: `${stationCode}-${filedDay.replaceAll('-', '')}-`,
      parties: intake.parties,
      clocks: [{ clock: 'firstContact', startedAt: firstContact.startedAt, dueAt: firstContact.dueAt }],
      workflowInput: inputWithoutNumber,
      idempotency,
    });
    const workflowInput = { ...inputWithoutNumber, caseNumber: filed.detail.case.caseNumber };
    return { kind: 'filed', caseId, detail: filed.detail, outboxId: filed.outbox.id, workflowInput };
  } catch (error) {
    const winner = idempotency && (await concurrentRepeat(db, idempotency, error));
    if (winner) return winner;
    throw error;
  }
}
