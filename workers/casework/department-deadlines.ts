import type { Database } from '../../db/client';
import { deadlineEventsOf } from '../../db/queries/case-states';
import { policyVersions } from '../../db/queries/policies';
import type { TimelineFact } from '../../domain/case-event';
import { departmentDeadlines, type DepartmentDeadline } from '../../domain/department-deadlines';
import { policyHeldAt, type PublishedPolicy } from '../../domain/policy';
import type { CaseProgress } from '../../schemas/case-state';
import type { SlaPolicy } from '../../schemas/policy';
import type { Department } from '../../schemas/vocabulary';

export type DepartmentDeadlines = ReadonlyMap<Department, DepartmentDeadline>;

/** What a case's department deadlines are worked out from: when it was filed, where its route stands, its timeline. */
export interface DeadlineFacts {
  filedAt: string;
  route: CaseProgress['route'] | undefined;
  events: readonly TimelineFact[];
}

const none: DepartmentDeadlines = new Map();
const namesDepartments = (route: DeadlineFacts['route']): route is CaseProgress['route'] => route !== undefined && Object.keys(route.departments).length > 0;

/** Under the allowance of the policy the case held when its route began: the route's workflow was handed that one. */
function deadlinesOf(configured: SlaPolicy, published: readonly PublishedPolicy[], { filedAt, route, events }: DeadlineFacts): DepartmentDeadlines {
  if (!namesDepartments(route)) return none;
  return departmentDeadlines(events, route, policyHeldAt(configured, published, events, filedAt, route.startedAt));
}

/** One case's, from the timeline its page has read already. */
export async function deadlinesOfCase(db: Database, configured: SlaPolicy, facts: DeadlineFacts): Promise<DepartmentDeadlines> {
  return namesDepartments(facts.route) ? deadlinesOf(configured, await policyVersions(db), facts) : none;
}

/** A page of cases', by case id: the few timeline rows that decide them are read for the whole page at once. */
export async function deadlinesOfCases(
  db: Database,
  configured: SlaPolicy,
  cases: readonly (Omit<DeadlineFacts, 'events'> & { id: string })[],
): Promise<ReadonlyMap<string, DepartmentDeadlines>> {
  const named = cases.filter((found) => namesDepartments(found.route));
  if (!named.length) return new Map();
  const [events, published] = await Promise.all([deadlineEventsOf(db, named.map((found) => found.id)), policyVersions(db)]);
  return new Map(named.map((found) => [found.id, deadlinesOf(configured, published, { ...found, events: events.filter((event) => event.caseId === found.id) })]));
}
