import { findLatestAgreement } from '../../db/queries/agreements';
import { attachmentsOfCase, type AttachmentRow } from '../../db/queries/attachments';
import { mayAttachTo } from '../../domain/permissions';
import { namesOfUsers } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import type { OpenStep } from '../../domain/steps-now';
import type { SlaPolicy } from '../../schemas/policy';
import { noteCaseRead } from '../cases/case-reads';
import { caseViewAsSeenBy, findVisibleCase, toCaseView, type CaseView } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';
import { mediatorsWithLoad, type MediatorsAnswer } from '../cases/mediator-load';
import { stepsAndWhyNot } from './open-steps';
import type { Refusal } from '../../schemas/refusal';
import { deadlinesOfCase, type DepartmentDeadlines } from './department-deadlines';

export type MediatorLoad = Extract<MediatorsAnswer, { kind: 'listed' }>['mediators'][number];

export interface CasePageData {
  view: CaseView;
  /** Undefined while the case's workflow has not started: no step can be taken yet. */
  openSteps: OpenStep[] | undefined;
  /** When no step is open: why, as the step this reader would look to take next is refused. */
  whyNone?: Refusal;
  /** Whom a supervisor may dispatch the case to, with each one's load; empty unless dispatching is open. */
  mediators: MediatorLoad[];
  /** The names of the people on the timeline and of the mediator holding the case, by user id. */
  names: Map<string, string>;
  /** Each named department's report deadline, or when it answered. */
  departmentDeadlines: DepartmentDeadlines;
  /** A numbered agreement stands on the case, to print. */
  agreementNumbered: boolean;
  /** The evidence attached to the case, and whether this reader may attach more. */
  attachments: AttachmentRow[];
  mayAttach: boolean;
}

/**
 * A case as its page shows it to this reader: contacts as their role may read them, the steps open to them now,
 * and, when they may dispatch it, the mediators to choose from.
 */
export async function readCasePage(
  services: Pick<EdgeServices, 'db' | 'defer'>,
  user: SignedInUser,
  caseId: string,
  context: { policy: SlaPolicy; configuredPolicy: SlaPolicy; now: Date },
): Promise<CasePageData | undefined> {
  const { db } = services;
  const detail = await findVisibleCase(db, user, caseId);
  if (!detail) return undefined;
  noteCaseRead(services, user, detail.case, 'page');
  const steps = stepsAndWhyNot(detail.case, detail.clocks, user, context);
  const openSteps = steps?.open;
  const view = caseViewAsSeenBy(user, toCaseView(detail));
  const dispatching = openSteps?.some((open) => open.step === 'assign');
  const people = new Set([...view.timeline.map((event) => event.actor), ...(view.assigneeId ? [view.assigneeId] : [])]);
  // Only a case whose timeline records an agreement is asked for its number.
  const agreed = view.timeline.some((event) => event.type === 'step:record-agreement');
  const [load, names, departmentDeadlines, agreement, attachments] = await Promise.all([
    dispatching ? mediatorsWithLoad(db, user, caseId) : undefined,
    namesOfUsers(db, [...people].filter((id) => id !== 'system')),
    deadlinesOfCase(db, context.configuredPolicy, { filedAt: detail.case.filedAt, route: detail.case.progress?.route, events: detail.timeline }),
    agreed ? findLatestAgreement(db, caseId) : undefined,
    attachmentsOfCase(db, caseId),
  ]);
  return {
    view,
    openSteps,
    whyNone: steps?.whyNone,
    mediators: load?.kind === 'listed' ? load.mediators : [],
    names,
    departmentDeadlines,
    agreementNumbered: agreement !== undefined,
    attachments,
    mayAttach: mayAttachTo(user, detail.case),
  };
}
