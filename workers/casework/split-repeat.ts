import { isUniqueViolation } from '../../db/errors';
import { findCase } from '../../db/queries/cases';
import { findRepeatReport, findSplitOf } from '../../db/queries/repeats';
import type { SignedInUser } from '../../db/queries/users';
import { canSee } from '../../domain/jurisdiction';
import { supervises } from '../../domain/permissions';
import type { SlaPolicy } from '../../schemas/policy';
import type { FieldError, Lang } from '../i18n/messages';
import type { CaseView } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';
import { fileAndStart } from '../intake/file-and-start';
import { intakeOfRepeatReport } from '../cases/repeats';

export interface SplitRequest {
  user: SignedInUser;
  caseId: string;
  /** The `repeat_report` timeline row of the merged report. */
  reportEventId: number;
  policy: SlaPolicy;
  lang: Lang;
}

export type SplitAnswer =
  | { kind: 'split'; view: CaseView }
  | { kind: 'notFound' }
  | { kind: 'forbidden' }
  | { kind: 'alreadySplit'; caseId: string; caseNumber: string }
  /** Merged before whole intakes were kept: too little is left to file it on its own. */
  | { kind: 'notSplittable' }
  | { kind: 'invalid'; errors: FieldError[] };

/**
 * A supervisor finds a merged report was not the same dispute: it is filed as its own case from the intake its
 * timeline row kept, by the same filing as any intake but without looking for a repeat, and both cases remember it.
 */
export async function splitRepeat(services: EdgeServices, request: SplitRequest): Promise<SplitAnswer> {
  const { db } = services;
  const { user, caseId, reportEventId } = request;
  const found = await findCase(db, caseId);
  if (!found || !canSee(user, found.jurisdictionPath)) return { kind: 'notFound' };
  if (!supervises(user.role)) return { kind: 'forbidden' };
  const report = await findRepeatReport(db, caseId, reportEventId);
  if (!report) return { kind: 'notFound' };
  const already = await findSplitOf(db, reportEventId);
  if (already) return { kind: 'alreadySplit', caseId: already.id, caseNumber: already.caseNumber };
  const stored = intakeOfRepeatReport(report.detail);
  if (!stored) return { kind: 'notSplittable' };

  try {
    const answer = await fileAndStart(services, { ...stored, user, policy: request.policy, lang: request.lang, splitFrom: { caseId, reportEventId } });
    if (answer.kind === 'filed') return { kind: 'split', view: answer.view };
    if (answer.kind === 'invalid') return answer;
    throw new Error(`a split report was answered as ${answer.kind}`);
  } catch (error) {
    // Another supervisor split it a moment earlier: the report's unique key refused our case, which left nothing behind.
    const winner = isUniqueViolation(error, 'cases.split_from_report') && (await findSplitOf(db, reportEventId));
    if (winner) return { kind: 'alreadySplit', caseId: winner.id, caseNumber: winner.caseNumber };
    throw error;
  }
}
