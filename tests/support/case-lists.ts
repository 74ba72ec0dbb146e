import type { CaseProjection } from '../../schemas/case-event';
import type { Channel } from '../../schemas/vocabulary';
import { postReport, workflowReport } from './reports';
import type { Stack } from '../../scripts/stack';
import { apiAs, freshIntake } from './stack';

/** A row of GET /api/cases as the tests read it. */
export interface ListedCase {
  id: string;
  caseNumber: string;
  status: string;
  channel: string;
  hardCase: boolean;
  overdue: boolean;
  address: string;
  summary: string;
  parties: { name: string; role: string; phone: string | null }[];
  clocks: { clock: string; dueAt: string; state: string }[];
  nextDueAt: string | null;
}

export async function listAs(api: ReturnType<typeof apiAs>, query: string) {
  const response = await api(`/api/cases?${query}`);
  if (response.status !== 200) throw new Error(`GET /api/cases?${query}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { rows: ListedCase[]; nextCursor: string | null };
}

/** A run of seven digits: every run of three or more is searched whole, so it finds this test's cases and no others. */
export const newMarker = () => String(1_000_000 + Math.floor(Math.random() * 8_999_999));

/** A phone no other case of the run has: the same phone would make a later intake a repeat of the earlier case. */
export const newPhone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** Files a channel's example intake, its address carrying the marker, changed as the test needs. */
export async function fileCase(api: ReturnType<typeof apiAs>, marker: string, change: (intake: Record<string, any>) => void = () => {}, channel: Channel = 'grid') {
  const intake = freshIntake(channel);
  intake.where.address = `${intake.where.address} 第${marker}号`;
  change(intake);
  const response = await api(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify(intake) });
  if (response.status !== 201 && response.status !== 200) throw new Error(`intake: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; caseNumber: string; filedAt: string };
}

type Clock = CaseProjection['clocks'][number];
export const clock = (name: Clock['clock'], dueAt: string, state: Partial<Pick<Clock, 'warnedAt' | 'breachedAt' | 'stoppedAt'>> = {}): Clock => ({
  clock: name,
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  dueAt,
  warnedAt: null,
  breachedAt: null,
  stoppedAt: null,
  pausedAt: null,
  ...state,
});

/**
 * What the case's workflow would report, signed as it signs: the projection of a case that has started, with the
 * columns the test names. The workflow stays unreachable in these tests, so this is how a case gets a route, a
 * mediator or a late clock.
 */
export async function project(
  stack: Stack,
  caseId: string,
  seq: number,
  projection: Partial<Omit<CaseProjection, 'progress'>>,
  departments: CaseProjection['progress']['route']['departments'] = {},
) {
  const at = new Date().toISOString();
  const route = projection.route ?? 'grassroots';
  const report = workflowReport(seq, {
    at,
    projection,
    progress: { route: { route, index: 0, startedAt: at, stage: 'working', sessionsScheduled: 0, sessionsHeld: 0, departments } },
  });
  const response = await postReport(stack.edgeUrl, caseId, report, stack.options.internalSecret);
  if (response.status !== 200) throw new Error(`report: ${response.status} ${await response.text()}`);
}
