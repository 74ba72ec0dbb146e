import type { Database } from '../../db/client';
import { isUniqueViolation } from '../../db/errors';
import { insertFiledCase, type CaseDetail } from '../../db/queries/cases';
import { findIdempotencyKey } from '../../db/queries/idempotency';
import type { OutboxRow } from '../../db/queries/outbox';
import { findRepeatOf } from '../../db/queries/repeats';
import type { SignedInUser } from '../../db/queries/users';
import { localDay, toInstant } from '../../domain/clocks/local-time';
import { planFirstContact } from '../../domain/clocks/plan';
import { intakeInInstants } from '../../domain/intake-times';
import { isWithin, stationCodeOf, visiblePathOf } from '../../domain/jurisdiction';
import { addressKey, isSameDispute, phoneKey } from '../../domain/repeat-matching';
import { repeatWindowMs } from '../../domain/repeats';
import { caseSearchDocument } from '../../domain/search-index';
import * as v from 'valibot';
import { intakeSchemas, type Intake } from '../../schemas/intake';
import type { SlaPolicy } from '../../schemas/policy';
import type { Channel } from '../../schemas/vocabulary';
import type { CaseWorkflowInput } from '../../schemas/workflow-input';
import { sha256Hex } from '../runtime/crypto';
import { customError, fieldErrors, type FieldError, type Lang } from '../i18n/messages';
import { jurisdictionByCode } from '../county/jurisdictions';
import { mergeRepeat, withPhoneKey } from '../cases/repeats';
import { untimed } from '../runtime/edge-services';

export type FilingOutcome =
  | { kind: 'filed'; caseId: string; detail: CaseDetail; outboxId: number; workflowInput: CaseWorkflowInput }
  /** `answeredAt`: when the key was first answered, which tells a filing from a merge (see file-and-start.ts). */
  | { kind: 'replayed'; caseId: string; answeredAt: string }
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
  /** A merged report split out by a supervisor: filed as its own case, never matched as a repeat again. */
  splitFrom?: { caseId: string; reportEventId: number };
  /** The request that files it, handed on to the workflow (schemas/workflow-input.ts). */
  requestId?: string;
}

const futureSlackMs = 5 * 60_000;

const replayOf = (key: { requestHash: string; caseId: string; createdAt: string }, requestHash: string): FilingOutcome =>
  key.requestHash === requestHash ? { kind: 'replayed', caseId: key.caseId, answeredAt: key.createdAt } : { kind: 'keyReused' };

/** A concurrent repeat under the same key won the race: its whole batch stands, ours left nothing behind. */
async function concurrentRepeat(
  db: Database,
  idempotency: { userId: string; key: string; requestHash: string },
  error: unknown,
): Promise<FilingOutcome | undefined> {
  if (!isUniqueViolation(error, 'idempotency_keys')) return undefined;
  const winner = await findIdempotencyKey(db, idempotency.userId, idempotency.key);
  if (!winner) return undefined;
  return replayOf(winner, idempotency.requestHash);
}

/**
 * What the schema cannot know: that the grid cell exists and lies in the filer's jurisdiction, and that the dispute
 * did not happen in the future. Every error at once; a form calls it beside the schema, so its reader fixes all in
 * one round. Fields the schema refused are passed as undefined and not checked.
 */
export async function checkPlaceAndTime(
  db: Database,
  user: SignedInUser,
  given: { where?: { gridCellCode?: string }; occurredAt?: string },
  { policy, lang, now }: { policy: SlaPolicy; lang: Lang; now: Date },
) {
  const errors: FieldError[] = [];
  const code = given.where?.gridCellCode;
  const gridCell = code === undefined ? undefined : await jurisdictionByCode(db, code);
  if (code !== undefined && (!gridCell || gridCell.level !== 'grid')) errors.push(customError(lang, 'where.gridCellCode', 'gridCellUnknown'));
  else if (gridCell && !isWithin(gridCell.path, visiblePathOf(user))) errors.push(customError(lang, 'where.gridCellCode', 'gridCellOutside'));
  else if (gridCell?.retiredAt) errors.push(customError(lang, 'where.gridCellCode', 'gridCellRetired'));
  const occurredAt = given.occurredAt && toInstant(given.occurredAt, policy.utcOffset);
  if (occurredAt && Date.parse(occurredAt) > now.getTime() + futureSlackMs) errors.push(customError(lang, 'occurredAt', 'occurredInFuture'));
  return { errors, gridCell, occurredAt };
}

/**
 * An intake as a channel's schema reads it, with every error in one round: the format errors and, for the fields
 * the schema let through, where the grid cell lies and when the dispute happened. The form and the JSON route alike.
 */
export async function readIntake(
  db: Database,
  user: SignedInUser,
  channel: Channel,
  values: unknown,
  context: { policy: SlaPolicy; lang: Lang; now: Date },
): Promise<{ ok: true; intake: Intake } | { ok: false; errors: FieldError[] }> {
  const parsed = v.safeParse(intakeSchemas[channel], values);
  if (parsed.success) return { ok: true, intake: parsed.output };
  const errors = fieldErrors(parsed.issues, context.lang);
  const refused = new Set(errors.map((error) => error.field));
  const given = (path: string, value: unknown) => (typeof value === 'string' && !refused.has(path) ? value : undefined);
  const raw = (typeof values === 'object' && values !== null ? values : {}) as { where?: { gridCellCode?: unknown }; occurredAt?: unknown };
  const beyond = await checkPlaceAndTime(
    db,
    user,
    { where: { gridCellCode: given('where.gridCellCode', raw.where?.gridCellCode) }, occurredAt: given('occurredAt', raw.occurredAt) },
    context,
  );
  return { ok: false, errors: [...errors, ...beyond.errors] };
}

/** Checks what the schema cannot know (where the grid cell is, whose it is), then writes the case in one batch. */
export async function fileCase(db: Database, request: FilingRequest, timed = untimed): Promise<FilingOutcome> {
  const { user, channel, policy, lang } = request;
  const now = request.now ?? new Date();
  // The key is matched by the body as sent; the case keeps its times as instants.
  const requestHash = await sha256Hex(JSON.stringify([channel, request.intake]));
  const intake = intakeInInstants(request.intake, policy.utcOffset);

  if (request.idempotencyKey) {
    const earlier = await timed('idempotency', findIdempotencyKey(db, user.id, request.idempotencyKey));
    if (earlier) return replayOf(earlier, requestHash);
  }

  const checked = await timed('checks', checkPlaceAndTime(db, user, intake, { policy, lang, now }));
  if (checked.errors.length || !checked.gridCell) return { kind: 'invalid', errors: checked.errors };
  const { gridCell, occurredAt } = checked;
  const stationCode = stationCodeOf(gridCell.path);
  if (!stationCode) throw new Error(`grid cell ${gridCell.code} has no station above it`);

  const filedAt = now.toISOString();
  const idempotency = request.idempotencyKey ? { userId: user.id, key: request.idempotencyKey, requestHash } : undefined;

  // The same dispute coming back to this station within a year joins the earlier case; a split-out report never does.
  const earlier =
    !request.splitFrom &&
    (await timed('repeat', findRepeatOf(
      db,
      {
        jurisdictionCode: stationCode,
        visiblePath: visiblePathOf(user),
        addressKey: addressKey(intake.where.address),
        phoneKeys: intake.parties.flatMap((party) => phoneKey(party.phone) ?? []),
        since: new Date(now.getTime() - repeatWindowMs).toISOString(),
      },
      (candidate) => isSameDispute({ address: intake.where.address, parties: intake.parties }, candidate),
    )));
  if (earlier) {
    try {
      const outboxRow = await mergeRepeat(db, earlier, { reportedBy: user.id, channel, intake, at: filedAt, idempotency });
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
    ...(request.requestId ? { requestId: request.requestId } : {}),
  };
  const caseNumberPrefix = `${stationCode}-${filedDay.replaceAll('-', '')}-`;
  try {
    const filed = await timed('file', insertFiledCase(db, {
      case: {
        id: caseId,
        channel,
        status: 'queued',
        category: intake.category,
        summary: intake.summary,
        occurredAt,
        address: intake.where.address,
        addressKey: addressKey(intake.where.address),
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
      caseNumberPrefix,
      parties: intake.parties.map(withPhoneKey),
      clocks: [{ clock: 'firstContact', startedAt: firstContact.startedAt, dueAt: firstContact.dueAt }],
      workflowInput: inputWithoutNumber,
      idempotency,
      splitFrom: request.splitFrom,
      search: caseSearchDocument({ caseNumber: caseNumberPrefix, address: intake.where.address, parties: intake.parties }),
    }));
    const workflowInput = { ...inputWithoutNumber, caseNumber: filed.detail.case.caseNumber };
    return { kind: 'filed', caseId, detail: filed.detail, outboxId: filed.outbox.id, workflowInput };
  } catch (error) {
    const winner = idempotency && (await concurrentRepeat(db, idempotency, error));
    if (winner) return winner;
    throw error;
  }
}
