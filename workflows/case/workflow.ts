import {
  allHandlersFinished,
  CancellationScope,
  log,
  condition,
  patched,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import * as v from 'valibot';
import { refusal } from '../../schemas/refusal';
import type { CaseEventDraft } from '../../domain/case-event';
import type { CaseReport } from '../../schemas/case-event';
import { msUntilNextEvent } from '../../domain/clocks/clock';
import { replanClocks, takeDueClockEvents } from '../../domain/clocks/clock-events';
import { markDepartmentOverdue } from '../../domain/escalation';
import { applyStep, initialState, openingEvents, refuseStep, routeMessageFor } from '../../domain/lifecycle';
import { toCaseReport } from '../../domain/projection';
import { addRepeatReport } from '../../domain/repeats';
import { isTerminal } from '../../domain/routes';
import { triage } from '../../domain/triage';
import { repeatReportSchema, type CaseState, type RouteState } from '../../schemas/case-state';
import { slaPolicySchema } from '../../schemas/policy';
import { stepUpdateSchema, type StepUpdate } from '../../schemas/steps';
import { caseWorkflowInputSchema } from '../../schemas/workflow-input';
import type { CaseActivities } from '../activities/types';
import { departmentOverdueSignal, policyChangedSignal, repeatReportSignal, routeStepSignal, stateQuery, stepUpdate } from '../definitions';
import { resolutionRoute } from '../routes/workflows';
import { asRecordedThen } from './recorded-steps';

const { reportCaseEvent, reportCaseEvents } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const nowIso = () => new Date().toISOString();
/**
 * At most this many reports in one delivery: reports pile up while the edge is away, and a delivery of all of them
 * could outlast the activity's 30 seconds on every try.
 */
const reportsPerDelivery = 20;
const stepAnswersWithItsReports = 'step-answers-with-its-reports';
const routeStateLivesWithTheCase = 'route-state-lives-with-the-case';
const stepsHandTheirReportsOver = 'steps-hand-their-reports-over';
const theLoopKeepsItsTimer = 'the-loop-keeps-its-timer';
const routeMessagesLeaveAfterTheAnswer = 'route-messages-leave-after-the-answer';

/** What the route's workflow is handed of the case's route: a copy, taken when the message leaves. */
const routeCopy = (route: RouteState): RouteState => ({ ...route, departments: { ...route.departments } });

/** One dispute case from filing to closing; its workflow ID is the case ID. */
export async function disputeCase(rawInput: unknown): Promise<CaseState> {
  const input = v.parse(caseWorkflowInputSchema, rawInput);
  const resumed = input.resumeState;
  const { category, riskFlags, summary } = input.intake;
  const triaged = triage({ category, riskFlags, summary, repeat: input.repeat });
  const state: CaseState = resumed ?? initialState({ ...input, riskFlags }, triaged);
  // A run that starts over, or from an older picture, numbers its reports after what D1 already holds.
  state.seq = Math.max(state.seq, input.seqAfter);
  let dirty = false;

  // Reports go out one after another, so the edge sees the case's changes in the order they happened.
  let reporting: Promise<void> = Promise.resolve();
  let reportsInFlight = 0;
  /** The reports of what just happened, numbered in the order it happened. */
  const draftReports = (drafts: CaseEventDraft[]) => {
    const at = nowIso();
    return drafts.map((draft) => toCaseReport(state, draft, ++state.seq, at));
  };
  /** Runs from before: one activity a report, each after the one before. */
  const deliverEach = (events: CaseReport[]) => {
    for (const event of events) {
      reportsInFlight += 1;
      // A report the edge refuses for good is logged and passed over: one bad event must not stop the case.
      reporting = reporting
        .then(() => reportCaseEvent(state.caseId, event, input.requestId))
        .catch((error: unknown) => log.error('report refused', { seq: event.seq, type: event.type, error: String(error) }))
        .finally(() => void (reportsInFlight -= 1));
    }
    return reporting;
  };

  /**
   * A step's reports go to the edge with the step's answer, and the edge records them. They are delivered again, as
   * the backstop for an edge that died mid-answer, once `backstopAfterMs` has passed, or sooner with the next report
   * that goes out, so the edge still receives every report in order.
   */
  const handedOver: CaseReport[] = [];
  let handedOverAt: number | undefined;
  /** Once the run is settling before it ends, nothing is held back any more. */
  let settling = false;
  const handOver = (events: CaseReport[]) => {
    if (settling) return void deliverInBatches(events);
    handedOver.push(...events);
    handedOverAt ??= Date.now();
  };
  const backstopDue = () => handedOverAt !== undefined && Date.now() >= handedOverAt + input.backstopAfterMs;
  // A timer needs a positive duration: a backstop due now wakes the loop a millisecond on.
  const backstopInMs = () => (handedOverAt === undefined ? undefined : Math.max(1, handedOverAt + input.backstopAfterMs - Date.now()));
  /** What waits to go out, and the one delivery under way: each takes what is queued when it starts, up to a limit. */
  const queued: CaseReport[] = [];
  let draining: Promise<void> | undefined;
  const drain = async () => {
    try {
      await reporting;
      while (queued.length) {
        const batch = queued.splice(0, reportsPerDelivery);
        await reportCaseEvents(state.caseId, batch, input.requestId).catch((error: unknown) => log.error('reports refused', { seqs: batch.map((event) => event.seq), error: String(error), requestId: input.requestId }));
      }
    } finally {
      // Set in the same turn as the last check of the queue: a report queued after it starts a delivery of its own.
      draining = undefined;
    }
  };
  const deliverInBatches = (events: CaseReport[], flush = false) => {
    if (events.length || flush || backstopDue()) {
      queued.push(...handedOver.splice(0), ...events);
      handedOverAt = undefined;
    }
    if (queued.length && !draining) draining = drain();
    return draining ?? Promise.resolve();
  };

  const deliver = (events: CaseReport[]) => (patched(stepsHandTheirReportsOver) ? deliverInBatches(events) : deliverEach(events));
  const report = (drafts: CaseEventDraft[]) => deliver(draftReports(drafts));
  /** Before the run ends or continues as new: no step half-handled, no report still on its way or held back. */
  const settled = () => {
    settling = true;
    if (handedOver.length) void deliverInBatches([], true);
    return condition(() => allHandlersFinished() && reportsInFlight === 0 && draining === undefined && handedOver.length === 0 && routeMessagesInFlight === 0);
  };

  /**
   * Route messages go one after another, each once the one before has reached the route, so the route takes the
   * case's route copies in the order the steps left them. The step does not wait for its message: the start or the
   * signal is a command of the same workflow task that answers the step. A message that fails leaves its rejection
   * unhandled, which fails the workflow task for Temporal to retry, rather than a route going without it.
   */
  let routeMessages: Promise<void> = Promise.resolve();
  let routeMessagesInFlight = 0;

  // One start per route; a step arriving while the start is under way waits for the same start. A start answers
  // whether it made the route's workflow (from the route it was handed) or found it running from an earlier run.
  const routeStarts = new Map<string, Promise<boolean>>();
  const startRouteWorkflow = (route: RouteState) => {
    let started = routeStarts.get(route.workflowId);
    if (!started) {
      started = startChild(resolutionRoute, {
        workflowId: route.workflowId,
        args: [
          {
            caseWorkflowId: workflowInfo().workflowId,
            route,
            departmentReportWithin: state.policy.departmentReportWithin,
            timing: { utcOffset: state.policy.utcOffset, calendar: state.policy.calendar },
          },
        ],
        // The case may continue as new while a route runs; the route must outlive that run.
        parentClosePolicy: ParentClosePolicy.ABANDON,
      }).then(
        () => true,
        (error: unknown) => {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          return false;
        },
      );
      routeStarts.set(route.workflowId, started);
    }
    return started;
  };
  // Not an async function: the loop awaits the start itself, as runs from before did, so no extra turn reorders a
  // recorded history's commands.
  const ensureRouteWorkflow = (): Promise<unknown> =>
    state.status === 'open' && !isTerminal(state.route) ? startRouteWorkflow(state.route) : Promise.resolve();
  /**
   * The route's workflow keeps no state of its own: it is handed the case's route as the step left it, and runs the
   * departments' deadlines from it. A route a step reaches before its workflow started is started from that route,
   * ended or not, so every route has its workflow and its result.
   */
  const tellRouteInTurn = (route: RouteState, message: StepUpdate) => {
    const known = routeStarts.has(route.workflowId);
    const copy = routeCopy(route);
    const started = startRouteWorkflow(copy);
    routeMessagesInFlight += 1;
    routeMessages = routeMessages
      .then(() => started)
      .then(async (madeFromThisStep) => {
        if (known || !madeFromThisStep) await getExternalWorkflowHandle(route.workflowId).signal(routeStepSignal, message, copy);
      })
      .finally(() => void (routeMessagesInFlight -= 1));
  };
  /** Runs from before: the step waited until its message reached the route. */
  const tellRoute = async (route: RouteState, message: StepUpdate) => {
    const known = routeStarts.has(route.workflowId);
    const madeFromThisStep = await startRouteWorkflow(routeCopy(route));
    if (known || !madeFromThisStep) await getExternalWorkflowHandle(route.workflowId).signal(routeStepSignal, message, routeCopy(route));
  };

  setHandler(stateQuery, () => state);
  setHandler(
    stepUpdate,
    async (rawUpdate) => {
      const update = v.parse(stepUpdateSchema, asRecordedThen(rawUpdate)) as StepUpdate;
      const message = routeMessageFor(update, state);
      // The route the step speaks to: a step that ends it moves the case to the next, but this one hears the end.
      const route = state.route;
      const routeStarted = routeStarts.get(route.workflowId);
      // Applied before the first await, so the next step's validator already sees this one.
      const reports = draftReports(applyStep(state, update, nowIso()));
      const delivered = patched(stepsHandTheirReportsOver) ? (handOver(reports), Promise.resolve()) : deliver(reports);
      dirty = true;
      if (message && patched(routeStateLivesWithTheCase)) {
        if (patched(routeMessagesLeaveAfterTheAnswer)) tellRouteInTurn(route, message);
        else await tellRoute(route, message);
      }
      else if (message && routeStarted) {
        // A run from before: the route's workflow applied the step to a copy of its own, and one not started yet was
        // started later from the case's route, which already held this step.
        await routeStarted;
        await getExternalWorkflowHandle(route.workflowId).signal(routeStepSignal, message);
      }
      // One trip: the step answers with its reports, which the edge records at once; the activity's delivery of the
      // same ones is the backstop. A run from before waited for that delivery and answered with its state.
      if (patched(stepAnswersWithItsReports)) return { reportsJson: JSON.stringify(reports) };
      await delivered;
      return state;
    },
    {
      validator: (rawUpdate) => {
        const parsed = v.safeParse(stepUpdateSchema, rawUpdate);
        // A refusal travels as its code and values (schemas/refusal.ts); the edge words it in the reader's language.
        if (!parsed.success) {
          const problems = parsed.issues.map((i) => `${v.getDotPath(i) ?? ''} ${i.message}`).join('; ');
          throw new Error(JSON.stringify(refusal('notAStep', { problems })));
        }
        const refused = refuseStep(state, parsed.output as StepUpdate, nowIso());
        if (refused) throw new Error(JSON.stringify(refused));
      },
    },
  );
  setHandler(policyChangedSignal, (rawPolicy) => {
    const policy = v.safeParse(slaPolicySchema, rawPolicy);
    if (!policy.success || policy.output.version <= state.policy.version) return;
    void report(replanClocks(state, policy.output));
    dirty = true;
  });
  setHandler(repeatReportSignal, (rawRepeat) => {
    const repeat = v.safeParse(repeatReportSchema, rawRepeat);
    if (!repeat.success) return;
    void report(addRepeatReport(state, repeat.output, nowIso()));
    dirty = true;
  });
  setHandler(departmentOverdueSignal, (department) => {
    void report(markDepartmentOverdue(state, department, nowIso()));
    dirty = true;
  });

  /**
   * The loop's one timer, kept while nothing falls due before it: a step wakes the loop but sets no timer again unless
   * it brings a moment forward. A timer that rings early only has the loop look and wait again. Runs from before set a
   * new timer each time the loop woke.
   */
  let alarm: { at: number; scope: CancellationScope; rung: boolean } | undefined;
  const untilWokenOrDue = (woken: () => boolean, wakeInMs: number | undefined) => {
    const at = wakeInMs === undefined ? undefined : Date.now() + wakeInMs;
    if (alarm?.rung) alarm = undefined;
    if (at !== undefined && (!alarm || at < alarm.at)) {
      alarm?.scope.cancel();
      const set = { at, scope: new CancellationScope(), rung: false };
      set.scope.run(() => sleep(Math.max(1, at - Date.now()))).then(
        () => void (set.rung = true),
        // Cancelled for a sooner one.
        () => undefined,
      );
      alarm = set;
    }
    const ringing = alarm;
    return condition(() => woken() || ringing?.rung === true);
  };

  // A finished case started again carries its repeat report in the same breath; the report reopens it.
  if (resumed && state.status === 'closed') await condition(() => state.status !== 'closed', '10 seconds');
  if (!resumed) await report(openingEvents(state, triaged));

  while (state.status !== 'closed') {
    await ensureRouteWorkflow();
    const clockInMs = msUntilNextEvent(Object.values(state.clocks), Date.now());
    const backstop = backstopInMs();
    const wakeInMs = clockInMs === undefined || backstop === undefined ? (clockInMs ?? backstop) : Math.min(clockInMs, backstop);
    const woken = () => dirty || state.status === 'closed';
    if (patched(theLoopKeepsItsTimer)) await untilWokenOrDue(woken, wakeInMs);
    else if (wakeInMs === undefined) await condition(woken);
    else await condition(woken, wakeInMs);
    dirty = false;
    await report(takeDueClockEvents(state, nowIso()));

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > input.historyLimit) {
      await settled();
      await continueAsNew<typeof disputeCase>({ ...input, resumeState: state });
    }
  }
  await settled();
  return state;
}
