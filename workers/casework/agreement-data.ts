import * as v from 'valibot';
import { findLatestAgreement, findStationTemplate } from '../../db/queries/agreements';
import { namesOfUsers } from '../../db/queries/case-states';
import type { SignedInUser } from '../../db/queries/users';
import { templateOf } from '../../domain/agreement-template';
import { stepPayloadSchemas } from '../../schemas/steps';
import { noteCaseRead } from '../cases/case-reads';
import { caseViewAsSeenBy, findVisibleCase, toCaseView } from '../cases/case-view';
import type { EdgeServices } from '../runtime/edge-services';
import type { AgreementPageProps } from './agreement-page';

/**
 * The case's newest agreement as its printed page shows it to this reader, who must be one who may read the case;
 * undefined for a case they may not read and for a case with no agreement, alike. The read is recorded as the case
 * page's is.
 */
export async function readAgreementPage(services: Pick<EdgeServices, 'db' | 'defer'>, user: SignedInUser, caseId: string): Promise<Omit<AgreementPageProps, 'frame'> | undefined> {
  const { db } = services;
  const [detail, agreement] = await Promise.all([findVisibleCase(db, user, caseId), findLatestAgreement(db, caseId)]);
  if (!detail || !agreement) return undefined;
  const view = caseViewAsSeenBy(user, toCaseView(detail));
  const event = view.timeline.find((row) => row.workflowSeq === agreement.workflowSeq && row.type === 'step:record-agreement');
  const recorded = event && v.safeParse(stepPayloadSchemas['record-agreement'], event.detail);
  if (!event || !recorded?.success) return undefined;
  noteCaseRead(services, user, detail.case, 'page');
  const [station, names] = await Promise.all([findStationTemplate(db, agreement.committeeCode), view.process?.assignee ? undefined : namesOfUsers(db, [event.actor])]);
  return {
    view,
    recorded: recorded.output,
    number: { year: agreement.year, number: agreement.number },
    recordedAt: agreement.recordedAt,
    template: templateOf(station ?? { name: agreement.committeeCode, committeeName: null, sealText: null, numberPrefix: null }),
    mediatorName: view.process?.assignee?.name ?? names?.get(event.actor),
  };
}
