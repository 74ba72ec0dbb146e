import type { CaseProjection } from '../schemas/case-event';
import type { Refusal } from '../schemas/refusal';
import type { CaseState } from '../schemas/case-state';
import type { SlaPolicy } from '../schemas/policy';
import { stepNames, type StepName, type StepUpdate } from '../schemas/steps';
import { departments, type Channel, type Department } from '../schemas/vocabulary';
import { formatLocal } from './clocks/local-time';
import { refuseStep } from './lifecycle';
import { isMediatorStep, supervises } from './permissions';

/**
 * Which steps a page offers: each step tried against the case's state by the same `refuseStep` the workflow's
 * validator runs, so a page never offers what the workflow would refuse for reasons the page could know. The
 * workflow still decides when a step is taken (the state may have moved on), and its reason is shown then.
 */

/** What the case page knows of a case: its row in D1, which the workflow's reports keep. */
export type ProjectedCase = Pick<CaseProjection, 'hardCase' | 'escalationLevel' | 'riskFlags' | 'clocks'> & {
  caseId: string;
  caseNumber: string;
  channel: Channel;
  jurisdictionCode: string;
  status: CaseProjection['status'] | 'queued';
  order: CaseProjection['order'] | null;
  outcome: CaseProjection['outcome'];
  progress: CaseProjection['progress'] | null;
  resumeState: CaseProjection['resumeState'] | null;
};

/**
 * The case as its workflow holds it, rebuilt from D1: the whole state once the case has left `open` (D1 keeps it
 * then), else from the columns, the clocks and the progress every report carries. Undefined while the workflow has
 * not started.
 */
export function stateOfProjection(projected: ProjectedCase, policy: SlaPolicy): CaseState | undefined {
  if (projected.resumeState) return projected.resumeState;
  const { progress } = projected;
  if (projected.status === 'queued' || !progress) return undefined;
  const clocks: CaseState['clocks'] = {};
  for (const clock of projected.clocks) {
    clocks[clock.clock] = {
      name: clock.clock,
      startedAt: clock.startedAt,
      budgetMs: Math.max(0, Date.parse(clock.dueAt) - Date.parse(clock.startedAt)),
      extendedMs: 0,
      pausedMs: 0,
      warnAt: clock.dueAt,
      dueAt: clock.dueAt,
      ...(clock.pausedAt ? { pausedAt: clock.pausedAt } : {}),
      ...(clock.warnedAt ? { warnedAt: clock.warnedAt } : {}),
      ...(clock.breachedAt ? { breachedAt: clock.breachedAt } : {}),
      ...(clock.stoppedAt ? { stoppedAt: clock.stoppedAt } : {}),
    };
  }
  return {
    caseId: projected.caseId,
    caseNumber: projected.caseNumber,
    channel: projected.channel,
    jurisdictionCode: projected.jurisdictionCode,
    status: projected.status,
    ...(projected.outcome ? { outcome: projected.outcome } : {}),
    hardCase: projected.hardCase,
    triageReasons: progress.triageReasons,
    riskFlags: progress.riskFlags,
    suggestedFlags: progress.suggestedFlags,
    order: projected.order ?? 'awaiting_dispatch',
    ...(progress.assignee ? { assignee: progress.assignee } : {}),
    ...(progress.contactedAt ? { contactedAt: progress.contactedAt } : {}),
    ...(progress.paused ? { paused: progress.paused } : {}),
    ...(progress.pendingExtension ? { pendingExtension: progress.pendingExtension } : {}),
    escalationLevel: projected.escalationLevel,
    escalations: progress.escalations,
    route: { ...progress.route, workflowId: '' },
    routeHistory: progress.routeHistory,
    returnVisits: progress.returnVisits,
    repeatReports: [],
    clocks,
    policy,
    seq: 0,
  };
}

export type StepActor = StepUpdate['actor'];

/** A step the page may offer now; a department report names the departments it may be given for. */
export interface OpenStep {
  step: StepName;
  departments?: Department[];
  /** Open to a supervisor only as a step on behalf of the mediator who holds the case. */
  onBehalf?: true;
  /** Open only with a reason: closing before the return visits are done. */
  needsReason?: true;
}

const placeholder = '-';

/** A session time to come, as a form sends it (local, to the minute). */
const tomorrowLocal = (now: string, utcOffset: string) => formatLocal(new Date(Date.parse(now) + 86_400_000).toISOString(), utcOffset).replace(' ', 'T');

/**
 * A payload of each step that asks for nothing the case does not already allow: the question is whether the step
 * is open, not whether a particular choice in its form is (that answer comes when it is posted).
 */
function probesOf(step: StepName, state: CaseState, actor: StepActor, now: string): StepUpdate[] {
  const update = (payload: object) => ({ step, actor, payload }) as StepUpdate;
  switch (step) {
    // A joint route's form asks for its departments; which ones is the form's choice.
    case 'assign':
      return [update({ mediatorId: placeholder, ...(state.route.route === 'joint' ? { departments: [departments[0]] } : {}) })];
    case 'record-contact':
      return [update({ note: placeholder })];
    case 'schedule-session':
      return [update({ at: tomorrowLocal(now, state.policy.utcOffset), place: placeholder })];
    case 'record-session':
      return [update({ summary: placeholder })];
    case 'record-agreement':
      return [update({ terms: placeholder, requestConfirmation: false })];
    case 'record-confirmation':
      return [update({ confirmed: true, court: placeholder })];
    case 'record-department-report':
      return departments.map((department) => update({ department, outcome: 'done', report: placeholder }));
    case 'request-extension':
      return [update({ duration: 'P1D', reason: placeholder })];
    case 'decide-extension':
      return [update({ approve: true, reason: placeholder })];
    case 'submit-follow-up':
      return [update({ report: placeholder })];
    case 'acknowledge-escalation':
      return [update({ note: placeholder })];
    case 'override-triage':
      return [update({ hardCase: !state.hardCase, reason: placeholder })];
    case 'record-return-visit':
      return [update({ satisfied: true, note: placeholder })];
    case 'exit':
      return [update({ kind: 'withdrawn', reason: placeholder })];
    // Only what triage suggested waits for a review; with nothing suggested there is nothing to decide.
    case 'review-flags':
      return state.suggestedFlags.length ? [update({ confirm: [state.suggestedFlags[0]], dismiss: [], reason: placeholder })] : [];
    // Without a reason first, so a form asks for one only when the case needs it.
    case 'close':
      return [update({}), update({ reason: placeholder })];
    case 'accept':
    case 'resume':
      return [update({})];
    case 'record-failure':
    case 'request-transfer':
    case 'pause':
      return [update({ reason: placeholder })];
  }
}

/** The steps this person may take on this case now, in the order the step list names them. */
/** The steps each role looks to take next, in the order a person would look for them when none is open. */
const nextStepsOf = (state: CaseState, role: StepActor['role']): StepName[] => {
  const visits: StepName[] = state.status === 'resolved' ? ['record-return-visit'] : [];
  if (role === 'mediator') return [...visits, 'accept', 'record-contact'];
  if (role === 'department') return ['record-department-report'];
  if (role === 'supervisor' || role === 'admin') return [...visits, 'assign', 'close'];
  return [];
};

/**
 * Why nothing is open to this person now, as the domain refuses the step they would look to take next: waiting for
 * the mediator to accept, a return visit whose window opens at a given time. Undefined when nothing says more.
 */
export function whyNoStepIsOpen(state: CaseState, actor: StepActor, now: string): Refusal | undefined {
  for (const step of nextStepsOf(state, actor.role)) {
    for (const probe of probesOf(step, state, actor, now)) {
      const why = refuseStep(state, probe, now);
      if (why) return why;
    }
  }
  return undefined;
}

export function stepsOpenNow(state: CaseState, actor: StepActor, now: string): OpenStep[] {
  const open: OpenStep[] = [];
  for (const step of stepNames) {
    const probes = probesOf(step, state, actor, now);
    const allowed = probes.filter((probe) => refuseStep(state, probe, now) === undefined);
    if (!allowed.length) continue;
    if (step === 'record-department-report') open.push({ step, departments: allowed.map((probe) => (probe.payload as { department: Department }).department) });
    else if (step === 'close' && allowed[0] !== probes[0]) open.push({ step, needsReason: true });
    else open.push({ step });
  }
  // A supervisor may also record the holder's own steps for them, as steps on their behalf, marked as such.
  if (supervises(actor.role) && state.assignee && !actor.onBehalfOf) {
    const forHolder = stepsOpenNow(state, { ...actor, onBehalfOf: state.assignee }, now).filter((candidate) => isMediatorStep(candidate.step));
    open.push(...forHolder.map((candidate) => ({ ...candidate, onBehalf: true as const })));
  }
  return open;
}
