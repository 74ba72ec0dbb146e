import type { Database } from '../../db/client';
import { findCase } from '../../db/queries/cases';
import { usersWithLoad } from '../../db/queries/users';
import { canSee, countyPathOf, visiblePathOf } from '../../domain/jurisdiction';
import { mayBeAssigned, mayBeAssignedWithin } from '../../domain/permissions';
import type { Role } from '../../schemas/vocabulary';

type WithLoad = Awaited<ReturnType<typeof usersWithLoad>>[number];

const toMediatorLoad = ({ id, name, jurisdictionCode, openCases, overdueCases, hardCases }: WithLoad) => ({
  id,
  name,
  jurisdictionCode,
  openCases,
  overdueCases,
  hardCases,
});

export type MediatorsAnswer = { kind: 'listed'; mediators: ReturnType<typeof toMediatorLoad>[] } | { kind: 'notFound' };

/**
 * 一人一单: the mediators a supervisor may dispatch to, each with their open, overdue and hard cases. For one case,
 * those who may take it; otherwise those who may take some case of the supervisor's jurisdiction.
 */
export async function mediatorsWithLoad(db: Database, reader: { role: Role; jurisdictionPath: string }, forCaseId?: string): Promise<MediatorsAnswer> {
  const found = forCaseId === undefined ? undefined : await findCase(db, forCaseId);
  if (forCaseId !== undefined && (!found || !canSee(reader, found.jurisdictionPath))) return { kind: 'notFound' };
  const path = found?.jurisdictionPath ?? visiblePathOf(reader);
  // Whoever may serve a place is at, above or below it, so within its county; the permission table decides who.
  const candidates = await usersWithLoad(db, 'mediator', countyPathOf(path));
  const mediators = candidates.filter((mediator) => (found ? mayBeAssigned(mediator, path) : mayBeAssignedWithin(mediator, path)));
  return { kind: 'listed', mediators: mediators.map(toMediatorLoad) };
}
