import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { CaseEventDraft } from '../../domain/case-event';
import { dueEvents, extendClock, isRunning, pauseClock, replanClock, resumeClock, startClock, stopClock } from '../../domain/clocks/clock';
import { replanClocks, takeDueClockEvents } from '../../domain/clocks/clock-events';
import { markDepartmentOverdue } from '../../domain/escalation';
import { applyStep, initialState, openingEvents, refuseStep, routeMessageFor, type CaseStart } from '../../domain/lifecycle';
import { isAccepted, refuseActor, supervisorSteps } from '../../domain/permissions';
import { refusal, type Refusal } from '../../schemas/refusal';
import { defaultSlaPolicy } from '../../domain/policy';
import { toCaseReport } from '../../domain/projection';
import { addRepeatReport } from '../../domain/repeats';
import { applyRouteStep, endRoute, isRouteStep, nameDepartments, refuseRouteStep, type RouteState } from '../../domain/routes';
import { triage } from '../../domain/triage';
import { caseReportSchema } from '../../schemas/case-event';
import { caseStateSchema, type CaseState, type RepeatReport } from '../../schemas/case-state';
import { slaPolicySchema, type SlaPolicy } from '../../schemas/policy';
import { stepExamples, stepNames, stepUpdateSchema, type StepName, type StepUpdate } from '../../schemas/steps';
import { categories, channels, clockNames, departments, orderStages, riskFlags, roles, routes, type Department, type RiskFlag, type Role } from '../../schemas/vocabulary';

/**
 * Properties of the case's rules over random histories: whatever mediators, supervisors, a department, the clocks,
 * repeat reports and new policies do to a case, and in whatever order, the case stays one its schema accepts, its
 * reports ones the edge accepts, and its clocks, escalation, order stage and route mirror consistent. Kept to a few
 * hundred runs each, so the file takes seconds on two cores.
 */
const numRuns = 200;

const iso = (epochMs: number) => new Date(epochMs).toISOString();
const ms = (instant: string) => Date.parse(instant);
const copy = <T>(value: T): T => structuredClone(value);

const issuesOf = (result: { success: boolean; issues?: readonly v.BaseIssue<unknown>[] }) =>
  (result.issues ?? []).map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('\n');

function expectValidState(state: CaseState, after: string) {
  const result = v.safeParse(caseStateSchema, state);
  expect(result.success, `after ${after}, the case state is refused:\n${issuesOf(result)}\n${JSON.stringify(state, null, 1)}`).toBe(true);
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const mediatorId = 'demo-mediator-ly';
const actors = [
  { id: mediatorId, role: 'mediator', name: '林调解员' },
  { id: 'other-mediator', role: 'mediator', name: '王调解员' },
  { id: 'demo-supervisor', role: 'supervisor', name: '周所长' },
  { id: 'demo-admin', role: 'admin', name: '管理员' },
  { id: 'demo-department', role: 'department', name: '市场监管所联络员', department: 'market' },
] as const satisfies readonly { id: string; role: Role; name: string; department?: Department }[];
type Actor = (typeof actors)[number];

const durations = ['PT1M', 'PT30M', 'PT2H', 'PT12H', 'P1D', 'P3D', 'P7D', 'P15D'] as const;
const durationArb = fc.constantFrom(...durations);

/**
 * A valid policy, often with short allowances so clocks warn and breach within a history. Fields not drawn here
 * keep the default policy's values, and the result is read through the policy schema as the workflow reads one.
 */
const policyArb = (version: number): fc.Arbitrary<SlaPolicy> =>
  fc
    .record({
      version: fc.constant(version),
      utcOffset: fc.constantFrom('+08:00', '+00:00', '-05:30'),
      warnAtShare: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
      firstContact: fc.oneof(
        fc.record({ rule: fc.constant('sameDay' as const), lateIntakeAfter: fc.constantFrom('18:00', '20:30', '00:00'), lateIntakeWithin: durationArb }),
        fc.record({ rule: fc.constant('within' as const), duration: durationArb }),
      ),
      accept: durationArb,
      followUpEvery: durationArb,
      resolveWithin: fc.record({ grassroots: durationArb, judicial: durationArb, joint: durationArb }),
      departmentReportWithin: durationArb,
      returnVisitsAfter: fc.array(durationArb, { minLength: 1, maxLength: 6 }),
      acknowledgeEscalationWithin: durationArb,
      dispatchWithin: durationArb,
      returnVisitWindow: durationArb,
      unsatisfiedVisit: fc.constantFrom('reopen', 'escalate'),
    })
    .map((drawn) => v.parse(slaPolicySchema, { ...defaultSlaPolicy, ...drawn }));

const startArb: fc.Arbitrary<{ start: CaseStart; triage: ReturnType<typeof triage> }> = fc.record({
  caseId: fc.uuid(),
  channel: fc.constantFrom(...channels),
  filedAtMs: fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
  policy: fc.oneof(fc.constant(defaultSlaPolicy), policyArb(1)),
  category: fc.constantFrom(...categories),
  // Most cases are plain ones; a hard case waits for dispatch and acceptance before any mediation step.
  riskFlags: fc.oneof({ arbitrary: fc.constant<RiskFlag[]>([]), weight: 2 }, { arbitrary: fc.subarray([...riskFlags]), weight: 1 }),
  repeat: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  // Some reports name risks in their words, which triage suggests to a supervisor.
  summary: fc.constantFrom('楼下烧烤店油烟扰民，双方多次争吵。', '一方曾持刀威胁，扬言报复。', '独居老人与邻居因漏水纠纷，村民们聚集围堵。'),
}).map(({ caseId, channel, filedAtMs, policy, category, riskFlags: flags, repeat, summary }) => ({
  start: { caseId, caseNumber: 'XH-LY-2026-000001', channel, jurisdictionCode: 'XH-LY', filedAt: iso(filedAtMs), policy, riskFlags: flags },
  triage: triage({ category, riskFlags: flags, repeat, summary }),
}));

/**
 * Each step's example payload, with the fields that change what the step does varied. A step not listed here is
 * taken with its example; a variation its schema refuses is answered 422 by the edge and never reaches the case.
 */
const payloadArbs: Partial<Record<StepName, fc.Arbitrary<unknown>>> = {
  assign: fc.record(
    {
      mediatorId: fc.constantFrom(mediatorId, mediatorId, 'other-mediator'),
      mediatorName: fc.constantFrom('林调解员', '王调解员'),
      departments: fc.subarray([...departments], { minLength: 1 }),
      lead: fc.constantFrom(...departments),
    },
    { requiredKeys: ['mediatorId'] },
  ),
  'record-agreement': fc.boolean().map((requestConfirmation) => ({ ...stepExamples['record-agreement'], requestConfirmation })),
  'record-confirmation': fc.boolean().map((confirmed) => ({ ...stepExamples['record-confirmation'], confirmed, ...(confirmed ? {} : { reason: '协议内容违反法律规定' }) })),
  'record-department-report': fc
    .record({ department: fc.constantFrom(...departments), outcome: fc.constantFrom('done', 'refused', 'more_time', undefined) })
    .map(({ department, outcome }) => ({
      ...stepExamples['record-department-report'],
      department,
      ...(outcome ? { outcome } : {}),
      ...(outcome === 'more_time' ? { moreTime: 'P3D' } : {}),
    })),
  'request-extension': durationArb.map((duration) => ({ ...stepExamples['request-extension'], duration })),
  'decide-extension': fc.boolean().map((approve) => ({ ...stepExamples['decide-extension'], approve })),
  // Neither a route nor hardness is a payload the step's schema refuses.
  'override-triage': fc.record(
    { route: fc.constantFrom(...routes), hardCase: fc.boolean(), reason: fc.constant('涉及多个部门职责') },
    { requiredKeys: ['reason'] },
  ),
  'record-return-visit': fc.boolean().map((satisfied) => ({ ...stepExamples['record-return-visit'], satisfied })),
  close: fc.option(fc.constant('回访完毕，结案'), { nil: undefined }).map((note) => (note ? { note } : {})),
  exit: fc.constantFrom(
    { kind: 'not_a_dispute', redirectTo: 'other_authority', authority: '区住建局', reason: '属物业管理纠纷，转住建部门' },
    { kind: 'not_a_dispute', redirectTo: 'emergency', reason: '正在发生的警情，已转 110' },
    stepExamples.exit,
    { kind: 'withdrawn', reason: '申请人撤回调解申请' },
    { kind: 'duplicate', duplicateOf: 'XH-LY-2026-000002', reason: '同一纠纷已另案受理' },
    // Refused by the workflow: a case is no duplicate of itself.
    { kind: 'duplicate', duplicateOf: 'XH-LY-2026-000001', reason: '同一纠纷' },
  ),
  'review-flags': fc
    .record({ confirm: fc.subarray([...riskFlags]), dismiss: fc.subarray([...riskFlags]) })
    .map(({ confirm, dismiss }) => ({ confirm, dismiss: dismiss.filter((flag) => !confirm.includes(flag)), reason: '核实后确认' })),
};
const payloadArbOf = (step: StepName) => payloadArbs[step] ?? fc.constant(stepExamples[step]);

type Action =
  | { kind: 'step'; advanceMs: number; step: StepName; payload: unknown; actor: Actor }
  | { kind: 'tick'; advanceMs: number }
  | { kind: 'repeat'; advanceMs: number; id: string; channel: (typeof channels)[number]; summary: string; riskFlags: (typeof riskFlags)[number][] }
  | { kind: 'policy'; advanceMs: number; policy: SlaPolicy }
  | { kind: 'department-overdue'; advanceMs: number; department: Department };

/** Seconds to weeks: short gaps between steps, and now and then long enough for a clock or a return visit to fall due. */
const advanceArb = fc.oneof(
  { arbitrary: fc.integer({ min: 1_000, max: 3_600_000 }), weight: 4 },
  { arbitrary: fc.integer({ min: 3_600_000, max: 3 * 86_400_000 }), weight: 3 },
  { arbitrary: fc.integer({ min: 3 * 86_400_000, max: 40 * 86_400_000 }), weight: 1 },
);

/** Steps that end a route or move the case on come less often, so histories also reach resolution, return visits and closing. */
const stepWeights: Partial<Record<StepName, number>> = {
  'record-failure': 1,
  'request-transfer': 1,
  exit: 1,
  'override-triage': 2,
  'review-flags': 2,
  pause: 2,
  assign: 6,
  accept: 6,
  'schedule-session': 6,
  'record-session': 6,
  'record-agreement': 8,
  'record-department-report': 6,
  resume: 6,
  'record-return-visit': 8,
  close: 6,
};

/** Mostly the person who would take the step (so histories get far), sometimes anyone (so refusals are tried too). */
const actorArbFor = (step: StepName) => {
  const likely = supervisorSteps.includes(step) ? [actors[2], actors[3]] : step === 'record-department-report' ? [actors[0], actors[4]] : [actors[0], actors[0], actors[1]];
  return fc.oneof({ arbitrary: fc.constantFrom(...likely), weight: 3 }, { arbitrary: fc.constantFrom(...actors), weight: 1 });
};

const stepActionArb: fc.Arbitrary<Action> = fc.oneof(
  ...stepNames.map((step) => ({
    weight: stepWeights[step] ?? 4,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      advanceMs: advanceArb,
      step: fc.constant(step),
      payload: payloadArbOf(step),
      actor: actorArbFor(step),
    }),
  })),
);

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: stepActionArb, weight: 48 },
  { arbitrary: fc.record({ kind: fc.constant('tick' as const), advanceMs: advanceArb }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('repeat' as const),
      advanceMs: advanceArb,
      id: fc.constantFrom('repeat-1', 'repeat-2', 'repeat-3'),
      channel: fc.constantFrom(...channels),
      summary: fc.string({ maxLength: 200 }),
      riskFlags: fc.subarray([...riskFlags]),
    }),
    weight: 1,
  },
  // A department of a joint route missed its report deadline (the department workflow's signal).
  { arbitrary: fc.record({ kind: fc.constant('department-overdue' as const), advanceMs: advanceArb, department: fc.constantFrom(...departments) }), weight: 1 },
  // The version is set when the history is played: a newer policy replaces the one in force.
  { arbitrary: fc.record({ kind: fc.constant('policy' as const), advanceMs: advanceArb, policy: policyArb(1) }), weight: 1 },
);

const historyArb = fc.record({ case: startArb, actions: fc.array(actionArb, { minLength: 1, maxLength: 60, size: 'max' }) });
type History = typeof historyArb extends fc.Arbitrary<infer H> ? H : never;

// ---------------------------------------------------------------------------------------------------------------
// Playing a history the way the workflow does

/** What the checks need of the case as it was before an action; copying only this keeps the file fast. */
type Before = Pick<CaseState, 'status' | 'escalationLevel' | 'escalations' | 'assignee' | 'order' | 'route' | 'clocks'>;
const snapshot = ({ status, escalationLevel, escalations, assignee, order, route, clocks }: CaseState): Before => copy({ status, escalationLevel, escalations, assignee, order, route, clocks });

interface Moment {
  /** What happened, for failure messages. */
  label: string;
  action: Action | undefined;
  before: Before;
  state: CaseState;
  now: string;
  drafts: CaseEventDraft[];
  /** The update the workflow accepted, when the action was a step it did not refuse. */
  update?: StepUpdate;
  /** Why the workflow refused the step, when it did. */
  refused?: Refusal;
  /** What the workflow tells the route's own workflow of an accepted step (worked out before the step is applied, as there). */
  routeMessage?: StepUpdate;
}

/**
 * Plays the history against the case's rules: a step goes through the step schema (the edge's 422) and is applied
 * only when `refuseStep` lets it (the workflow's validator); a tick takes the clock events due; a repeat report,
 * a new policy and a late department arrive as the workflow's signals do. `onMoment` sees the case after each action.
 */
function play(history: History, onMoment: (moment: Moment) => void) {
  const { start } = history.case;
  const state = initialState(start, history.case.triage);
  let nowMs = ms(start.filedAt);
  onMoment({ label: 'filing', action: undefined, before: snapshot(state), state, now: start.filedAt, drafts: openingEvents(state, history.case.triage) });

  history.actions.forEach((action, index) => {
    nowMs += action.advanceMs;
    const now = iso(nowMs);
    const before = snapshot(state);
    const label = `action ${index} (${action.kind === 'step' ? `${action.step} by ${action.actor.id}` : action.kind}) at ${now}`;
    switch (action.kind) {
      case 'step': {
        const parsed = v.safeParse(stepUpdateSchema, { step: action.step, actor: action.actor, payload: action.payload });
        if (!parsed.success) return;
        const update = parsed.output as StepUpdate;
        const refused = refuseStep(state, update, now);
        if (refused) return onMoment({ label, action, before, state, now, drafts: [], update, refused });
        const routeMessage = routeMessageFor(update, state);
        return onMoment({ label, action, before, state, now, drafts: applyStep(state, update, now), update, routeMessage });
      }
      case 'tick':
        return onMoment({ label, action, before, state, now, drafts: takeDueClockEvents(state, now) });
      case 'repeat': {
        const report: RepeatReport = { id: action.id, channel: action.channel, at: now, summary: action.summary, reportedBy: 'demo-grid-worker', riskFlags: action.riskFlags };
        return onMoment({ label, action, before, state, now, drafts: addRepeatReport(state, report, now) });
      }
      case 'policy':
        return onMoment({ label, action, before, state, now, drafts: replanClocks(state, { ...action.policy, version: state.policy.version + 1 }) });
      case 'department-overdue':
        return onMoment({ label, action, before, state, now, drafts: markDepartmentOverdue(state, action.department, now) });
    }
  });
}

/**
 * Every answer `refuseActor` gives for the people, steps, holders and departments these tests use: a workflow
 * refusal with one of these texts is about who asks, not about the case.
 */
const people = ['demo-mediator-ly', 'other-mediator', 'demo-supervisor', 'demo-admin', 'demo-grid-worker', 'demo-department'];
const mediatorNames = ['林调解员', '王调解员'];
const orNone = <T>(values: readonly T[]) => [undefined, ...values];
const actorRefusals = new Set(
  roles.flatMap((role) =>
    orNone(role === 'department' ? departments : []).flatMap((department) =>
      stepNames.flatMap((step) =>
        orNone(people.slice(0, 2)).flatMap((assigneeId) =>
          orNone(mediatorNames).flatMap((assigneeName) =>
            [true, false].flatMap((accepted) =>
              orNone(step === 'record-department-report' ? departments : []).map((reportingFor) =>
                refuseActor({ id: people[0]!, role, department }, step, { assigneeId, assigneeName, accepted }, reportingFor)?.code,
              ),
            ),
          ),
        ),
      ),
    ),
  ),
);
const isActorRefusal = (refused: Refusal) => actorRefusals.has(refused.code);

/** The department a step speaks for, read from its payload as the edge reads it (workers/casework/take-step.ts). */
const reportingForOf = (payload: object) => ('department' in payload ? (payload.department as Department) : undefined);

// ---------------------------------------------------------------------------------------------------------------

describe('a case under any history of steps, clock ticks, repeat reports and new policies', () => {
  it('never ends up in a state its schema refuses, and every report it sends is one the edge accepts', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, state, now, drafts }) => {
          expectValidState(state, label);
          for (const draft of drafts) {
            const report = toCaseReport(state, draft, ++state.seq, now);
            const result = v.safeParse(caseReportSchema, report);
            expect(result.success, `after ${label}, the ${draft.type} report is refused:\n${issuesOf(result)}\n${JSON.stringify(report, null, 1)}`).toBe(true);
          }
        });
      }),
      { numRuns },
    );
  });

  it('lowers its escalation level only by clearing it, and keeps every level it reached', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, before, state, drafts }) => {
          if (state.escalationLevel > 0) expect(state.escalations.some((e) => e.level === state.escalationLevel), label).toBe(true);
          if (state.escalationLevel >= before.escalationLevel) return;
          expect(state.escalationLevel, label).toBe(0);
          expect(drafts.map((d) => d.type), label).toContain('escalation_cleared');
          expect(state.escalations.length, label).toBeGreaterThanOrEqual(before.escalations.length);
        });
      }),
      { numRuns },
    );
  });

  it('keeps every clock due at its start plus its allowance, extensions and paused time', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, state }) => {
          for (const clock of Object.values(state.clocks)) {
            const due = ms(clock.startedAt) + clock.budgetMs + clock.extendedMs + clock.pausedMs;
            // Checked first and asserted on a miss only: expect() on every clock of every moment would slow the file down.
            if (ms(clock.dueAt) !== due) expect(clock.dueAt, `${label}: ${clock.name}`).toBe(iso(due));
            if (ms(clock.warnAt) > due) expect(ms(clock.warnAt), `${label}: ${clock.name} warns after it is due`).toBeLessThanOrEqual(due);
          }
        });
      }),
      { numRuns },
    );
  });

  it('lets no clock run while the case is paused, so a paused case never warns or breaches', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, state, now, action, drafts }) => {
          if (!state.paused) return;
          const running = Object.values(state.clocks).filter(isRunning).map((clock) => clock.name);
          expect(running, `${label}: paused`).toEqual([]);
          expect(takeDueClockEvents(copy(state), iso(ms(now) + 365 * 86_400_000)), label).toEqual([]);
          if (action?.kind === 'tick') expect(drafts, label).toEqual([]);
        });
      }),
      { numRuns },
    );
  });

  /**
   * A department's deadline that falls as the case closes (an exit, or a referral to litigation, with a department
   * of its joint route still pending) must not escalate a closed case: the route workflow, which would end the
   * department task, hears of the closing only after the case has applied it. The history below once did.
   */
  it('lets no clock run once the case is closed', () => {
    const exitedWithADepartmentPending: History = {
      case: {
        start: { caseId: '00000000-0000-1000-8000-000000000000', caseNumber: 'XH-LY-2026-000001', channel: 'grid', jurisdictionCode: 'XH-LY', filedAt: '2026-01-01T02:00:00.000Z', policy: defaultSlaPolicy, riskFlags: ['group'] },
        triage: triage({ category: 'neighbour', riskFlags: ['group'], repeat: false }),
      },
      actions: [
        { kind: 'step', advanceMs: 3_600_000, step: 'assign', payload: { mediatorId, departments: ['market', 'civil_affairs'] }, actor: actors[2] },
        { kind: 'step', advanceMs: 3_600_000, step: 'exit', payload: { kind: 'withdrawn', reason: '申请人撤回调解申请' }, actor: actors[0] },
        { kind: 'department-overdue', advanceMs: 1_000, department: 'market' },
      ],
    };
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, state, now }) => {
          if (state.status !== 'closed') return;
          const running = Object.values(state.clocks).filter(isRunning).map((clock) => clock.name);
          expect(running, `${label}: closed`).toEqual([]);
          expect(takeDueClockEvents(copy(state), iso(ms(now) + 365 * 86_400_000)), label).toEqual([]);
        });
      }),
      { numRuns, examples: [[exitedWithADepartmentPending]] },
    );
  });

  it('reports every warning and breach that is due at a tick, and each only once', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, state, now, action }) => {
          if (action?.kind !== 'tick') return;
          for (const clock of Object.values(state.clocks).filter(isRunning)) {
            if (ms(clock.dueAt) <= ms(now)) expect(clock.breachedAt, `${label}: ${clock.name} is past due`).toBeDefined();
            if (ms(clock.warnAt) <= ms(now)) expect(clock.warnedAt ?? clock.breachedAt, `${label}: ${clock.name} is past its warning`).toBeDefined();
          }
          expect(takeDueClockEvents(state, now), `${label}: the same tick again`).toEqual([]);
        });
      }),
      { numRuns },
    );
  });

  it('answers every step with the same permission at the edge and in the workflow, whatever the case has been through', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, before, action, refused, update }) => {
          if (action?.kind !== 'step' || !update) return;
          // What D1 holds of the case before the step (its projection's assigneeId): the edge reads the assignee from there.
          const assigneeId = before.assignee?.id ?? null;
          const accepted = isAccepted(before.order);
          const reportingFor = reportingForOf(update.payload);
          const edge = refuseActor(update.actor, update.step, { assigneeId, accepted }, reportingFor);
          if (before.status === 'closed') expect(refused, label).toEqual(refusal('closed'));
          else if (edge) expect(refused, label).toEqual(refuseActor(update.actor, update.step, { assigneeId, assigneeName: before.assignee?.name, accepted }, reportingFor));
          else if (refused) expect(isActorRefusal(refused), `${label}: refused ${JSON.stringify(refused)}`).toBe(false);
        });
      }),
      { numRuns },
    );
  });

  it('keeps a route workflow from before, which applied each step to a copy of its own, in agreement with the case’s route', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        // A route's workflow as runs from before have it: started from the case's route when the case moves onto a
        // route, then told what `routeMessageFor` says, and applying it to its own copy (`applyToOwnCopy` in
        // workflows/routes/workflows.ts). Runs since are handed the case's route instead.
        let routeWorkflow: RouteState | undefined;
        play(history, ({ label, before, state, routeMessage: message }) => {
          if (message && routeWorkflow?.workflowId === before.route.workflowId) {
            if (message.step === 'assign' && message.payload.departments) nameDepartments(routeWorkflow, message.payload.departments, message.payload.lead);
            else if (message.step === 'exit') endRoute(routeWorkflow);
            else if (isRouteStep(message) && !refuseRouteStep(routeWorkflow, message)) applyRouteStep(routeWorkflow, message);
          }
          // A late department is marked on the mirror only (the case hears of it and escalates); the route still
          // waits for its report, so an overdue department reads as a pending one there.
          const mirror = { ...state.route, departments: Object.fromEntries(Object.entries(state.route.departments).map(([d, status]) => [d, status === 'overdue' ? 'pending' : status])) };
          if (routeWorkflow?.workflowId === state.route.workflowId) expect(mirror, label).toEqual(routeWorkflow);
          else routeWorkflow = copy(mirror);
        });
      }),
      { numRuns },
    );
  });

  it('keeps its order stage in step with its status, and pauses only while open', () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, state }) => {
          // Nobody holds an open case exactly while it waits for dispatch; a settled or finished one says so in its order.
          const consistent =
            state.status === 'open'
              ? (state.order === 'awaiting_dispatch') === (state.assignee === undefined) && ['awaiting_dispatch', 'dispatched', 'accepted'].includes(state.order)
              : state.order === state.status && state.outcome !== undefined;
          const where = `${label}: ${state.status}, order ${state.order}, assignee ${state.assignee?.id ?? 'none'}, outcome ${state.outcome ?? 'none'}`;
          expect(consistent, where).toBe(true);
          if (state.paused) expect(state.status, `${label}: paused`).toBe('open');
        });
      }),
      { numRuns },
    );
  });

  /**
   * Found by this property: an extension requested while the case was open and approved after it was resolved
   * moved the stopped resolve clock's due time and erased its breach, so a case resolved late read as never late.
   * Fixed since (extendClock leaves a stopped clock alone; leaving a route drops its pending extension); the
   * example below is that history, kept so it cannot come back.
   */
  it('leaves a stopped clock as it stopped, until the clock is started afresh', () => {
    const lateResolution: History = {
      case: {
        start: { caseId: '00000000-0000-1000-8000-000000000000', caseNumber: 'XH-LY-2026-000001', channel: 'grid', jurisdictionCode: 'XH-LY', filedAt: '2026-01-01T02:00:00.000Z', policy: defaultSlaPolicy, riskFlags: [] },
        triage: triage({ category: 'neighbour', riskFlags: [], repeat: false }),
      },
      actions: [
        { kind: 'step', advanceMs: 3_600_000, step: 'request-extension', payload: stepExamples['request-extension'], actor: actors[0] },
        // The resolve clock (P15D) breaches, and the case is resolved late.
        { kind: 'tick', advanceMs: 16 * 86_400_000 },
        { kind: 'step', advanceMs: 3_600_000, step: 'record-agreement', payload: stepExamples['record-agreement'], actor: actors[0] },
        { kind: 'step', advanceMs: 3_600_000, step: 'decide-extension', payload: stepExamples['decide-extension'], actor: actors[2] },
      ],
    };
    fc.assert(
      fc.property(historyArb, (history) => {
        play(history, ({ label, before, state }) => {
          for (const name of clockNames) {
            const was = before.clocks[name];
            const is = state.clocks[name];
            // A clock started afresh is a new clock, running; one still stopped from the same start is the old one.
            if (!was?.stoppedAt || !is?.stoppedAt || is.startedAt !== was.startedAt) continue;
            expect(is, `${label}: stopped ${name}`).toEqual(was);
          }
        });
      }),
      { numRuns, examples: [[lateResolution]] },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

type ClockOp =
  | { op: 'pause'; advanceMs: number }
  | { op: 'resume'; advanceMs: number }
  | { op: 'extend'; advanceMs: number; byMs: number }
  | { op: 'replan'; advanceMs: number; budgetMs: number }
  | { op: 'stop'; advanceMs: number };

const budgetArb = fc.integer({ min: 1_000, max: 30 * 86_400_000 });
const clockOpArb: fc.Arbitrary<ClockOp> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('pause' as const), advanceMs: advanceArb }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('resume' as const), advanceMs: advanceArb }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('extend' as const), advanceMs: advanceArb, byMs: budgetArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('replan' as const), advanceMs: advanceArb, budgetMs: budgetArb }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('stop' as const), advanceMs: advanceArb }), weight: 1 },
);

const clockHistoryArb = fc.record({
  name: fc.constantFrom(...clockNames),
  startMs: fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
  budgetMs: budgetArb,
  warnAtShare: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
  ops: fc.array(clockOpArb, { maxLength: 30 }),
});

describe('a clock under any pauses, resumes, extensions and re-plans', () => {
  it('is due at its start plus its allowance, extensions and paused time, and warns at its share of the allowance', () => {
    fc.assert(
      fc.property(clockHistoryArb, ({ name, startMs, budgetMs, warnAtShare, ops }) => {
        const clock = startClock(name, iso(startMs), budgetMs, warnAtShare);
        // The model: what the clock should hold, counted apart from it.
        const model = { budgetMs, extendedMs: 0, pausedMs: 0, pausedSince: undefined as number | undefined, stopped: false };
        let nowMs = startMs;
        const check = (label: string) => {
          expect([clock.budgetMs, clock.extendedMs, clock.pausedMs], label).toEqual([model.budgetMs, model.extendedMs, model.pausedMs]);
          const allowed = clock.budgetMs + clock.extendedMs;
          expect(clock.dueAt, label).toBe(iso(startMs + allowed + clock.pausedMs));
          expect(clock.warnAt, label).toBe(iso(startMs + clock.pausedMs + Math.round(allowed * warnAtShare)));
          expect(clock.pausedAt !== undefined, label).toBe(model.pausedSince !== undefined);
        };
        check('at its start');
        ops.forEach((op, index) => {
          nowMs += op.advanceMs;
          const label = `op ${index} (${op.op})`;
          switch (op.op) {
            case 'pause':
              pauseClock(clock, iso(nowMs));
              if (!model.stopped && model.pausedSince === undefined) model.pausedSince = nowMs;
              break;
            case 'resume':
              resumeClock(clock, iso(nowMs), warnAtShare);
              if (!model.stopped && model.pausedSince !== undefined) {
                model.pausedMs += nowMs - model.pausedSince;
                model.pausedSince = undefined;
              }
              break;
            case 'extend':
              extendClock(clock, op.byMs, warnAtShare);
              // An extension granted after the clock stopped changes nothing it recorded.
              if (!clock.stoppedAt) model.extendedMs += op.byMs;
              break;
            case 'replan':
              replanClock(clock, op.budgetMs, warnAtShare);
              model.budgetMs = op.budgetMs;
              break;
            case 'stop':
              stopClock(clock, iso(nowMs));
              model.stopped = true;
              break;
          }
          check(label);
          if (model.stopped || model.pausedSince !== undefined) expect(dueEvents([clock], nowMs + 400 * 86_400_000), `${label}: a clock standing still`).toEqual([]);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('says nothing once stopped, whenever it is asked', () => {
    fc.assert(
      fc.property(clockHistoryArb, fc.integer({ min: 0, max: 400 * 86_400_000 }), ({ name, startMs, budgetMs, warnAtShare, ops }, stoppedAfterMs) => {
        const clock = startClock(name, iso(startMs), budgetMs, warnAtShare);
        stopClock(clock, iso(startMs + stoppedAfterMs));
        let nowMs = startMs + stoppedAfterMs;
        for (const op of ops) {
          nowMs += op.advanceMs;
          if (op.op === 'pause') pauseClock(clock, iso(nowMs));
          if (op.op === 'resume') resumeClock(clock, iso(nowMs), warnAtShare);
          if (op.op === 'extend') extendClock(clock, op.byMs, warnAtShare);
          if (op.op === 'replan') replanClock(clock, op.budgetMs, warnAtShare);
          expect(dueEvents([clock], nowMs)).toEqual([]);
        }
        expect(clock.stoppedAt).toBe(iso(startMs + stoppedAfterMs));
      }),
      { numRuns },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe('the permission table', () => {
  it('refuses a step at the edge (403) exactly when the workflow refuses it for who asks, with the same reason', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.record(
          { id: fc.constantFrom(...people), role: fc.constantFrom(...roles), name: fc.constantFrom('林调解员', '周所长'), department: fc.constantFrom(...departments) },
          { requiredKeys: ['id', 'role', 'name'] },
        ),
        fc.constantFrom(...stepNames),
        fc.constantFrom(...departments),
        fc.option(fc.record({ id: fc.constantFrom(...people), name: fc.constantFrom(...mediatorNames) }), { nil: undefined }),
        fc.constantFrom<CaseState['status'][]>('open', 'resolved', 'closed'),
        fc.boolean(),
        fc.constantFrom(...orderStages),
        ({ start, triage: triaged }, actor, step, reportedDepartment, assignee, status, paused, order) => {
          const state = initialState(start, triaged);
          state.assignee = assignee;
          state.order = order;
          state.status = status;
          if (paused) state.paused = { since: start.filedAt, reason: stepExamples.pause.reason };
          const payload = step === 'record-department-report' ? { ...stepExamples[step], department: reportedDepartment } : stepExamples[step];
          const update = v.parse(stepUpdateSchema, { step, actor, payload }) as StepUpdate;

          const reportingFor = reportingForOf(update.payload);
          const edge = refuseActor(actor, step, { assigneeId: assignee?.id, accepted: isAccepted(state.order) }, reportingFor);
          const workflow = refuseStep(state, update, start.filedAt);
          if (status === 'closed') return void expect(workflow).toEqual(refusal('closed'));
          if (edge) {
            // The workflow names the mediator, whom the edge knows only by ID; otherwise the refusal is the same.
            expect(workflow).toEqual(refuseActor(actor, step, { assigneeId: assignee?.id, assigneeName: assignee?.name, accepted: isAccepted(state.order) }, reportingFor));
            const named = workflow!.params as Record<string, unknown>;
            expect({ ...workflow, params: 'name' in named ? { ...named, name: null } : named }).toEqual(edge);
          } else if (workflow) {
            expect(isActorRefusal(workflow), `refused ${JSON.stringify(workflow)}`).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

