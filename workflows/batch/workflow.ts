import { allHandlersFinished, condition, continueAsNew, log, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import * as v from 'valibot';
import { batchTally, startFeedbackClocks, takeDueLines, waitingLines } from '../../domain/batch-clocks';
import { msUntilNextEvent, stopClock } from '../../domain/clocks/clock';
import { durationToMs } from '../../domain/policy';
import { batchWorkflowInputSchema, instructionFeedbackSignalSchema, type BatchReport, type BatchState } from '../../schemas/batch-workflow';
import type { BatchActivities } from '../activities/types';
import { batchStateQuery, instructionFeedbackSignal } from '../definitions';

const { reportBatchEvent } = proxyActivities<BatchActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const nowIso = () => new Date().toISOString();

/** What a report says before it is numbered and timed. */
type ReportDraft = BatchReport extends infer R ? (R extends BatchReport ? Omit<R, 'seq' | 'at'> : never) : never;

/**
 * One batch of verification instructions, workflow ID `batch:<id>`: each line's feedback clock is data in this one
 * execution, which sleeps until the nearest warning point or due time, reports the lines that warn (their assignees
 * are reminded) and those that went overdue, and ends once every line has its feedback or went overdue.
 */
export async function batchDispatch(rawInput: unknown): Promise<BatchState> {
  const input = v.parse(batchWorkflowInputSchema, rawInput);
  const resumed = input.resumeState;
  // Clocks start before any handler is set, so a feedback signal buffered with the start finds its clock.
  const state: BatchState = resumed ?? {
    seq: 0,
    clocks: startFeedbackClocks(input.lines, nowIso(), durationToMs(input.feedbackWithin), input.warnAtShare),
  };
  let dirty = false;

  // Reports go out one after another, so the edge sees the batch's changes in the order they happened.
  let reporting: Promise<void> = Promise.resolve();
  let reportsInFlight = 0;
  const report = (draft: ReportDraft) => {
    const numbered = { ...draft, seq: ++state.seq, at: nowIso() } as BatchReport;
    reportsInFlight += 1;
    // A report the edge refuses for good is logged and passed over: one bad report must not stop the batch.
    reporting = reporting
      .then(() => reportBatchEvent(input.batchId, numbered))
      .catch((error: unknown) => log.error('batch report refused', { seq: numbered.seq, type: numbered.type, error: String(error) }))
      .finally(() => void (reportsInFlight -= 1));
    return reporting;
  };
  const settled = () => condition(() => allHandlersFinished() && reportsInFlight === 0);

  setHandler(batchStateQuery, () => state);
  setHandler(instructionFeedbackSignal, (rawFeedback) => {
    const feedback = v.safeParse(instructionFeedbackSignalSchema, rawFeedback);
    const clock = feedback.success ? state.clocks[String(feedback.output.line)] : undefined;
    if (!feedback.success || !clock || clock.stoppedAt) return;
    stopClock(clock, feedback.output.at);
    dirty = true;
  });

  if (!resumed) {
    const dueAt = Object.values(state.clocks)[0]?.dueAt ?? nowIso();
    void report({ type: 'dispatched', dueAt, lines: input.lines });
  }

  while (waitingLines(state.clocks).length) {
    const wakeInMs = msUntilNextEvent(Object.values(state.clocks), Date.now());
    if (wakeInMs === undefined) await condition(() => dirty);
    else await condition(() => dirty, wakeInMs);
    dirty = false;
    const { warned, late } = takeDueLines(state.clocks, Date.now(), nowIso());
    // Runs that passed a warning point before reminders existed reported nothing there; their replay must not either.
    if (warned.length && patched('instruction-warning-reminders')) void report({ type: 'warning', lines: warned });
    if (late.length) void report({ type: 'overdue', lines: late });

    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > input.historyLimit) {
      await settled();
      await continueAsNew<typeof batchDispatch>({ ...input, resumeState: state });
    }
  }
  void report({ type: 'completed', ...batchTally(state.clocks) });
  await settled();
  return state;
}
