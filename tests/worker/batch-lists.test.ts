import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/** The edge in workerd with a real local D1 and Temporal unreachable: the workflow's reports are sent by hand, signed. */
let stack: Stack;
let stationSupervisor: ReturnType<typeof apiAs>;
let countySupervisor: ReturnType<typeof apiAs>;
let gridWorker: ReturnType<typeof apiAs>;
beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  stationSupervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
  countySupervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'));
});
afterAll(async () => stack?.stop());

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const dispatch = async (as: ReturnType<typeof apiAs>, body: object) => {
  const response = await as('/api/batches', { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(201);
  return json(response);
};
const unit = (assigneeId: string, subject: string) => ({ kind: 'unit', assigneeId, subject });

async function report(id: string, body: object) {
  const path = `/internal/batches/${id}/events`;
  const text = JSON.stringify(body);
  const response = await fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [signatureHeader]: await signRequest('test-internal-secret', 'POST', path, text) },
    body: text,
  });
  expect(await json(response)).toEqual({ outcome: 'applied' });
}

/** Every row of a list, page by page, with the page sizes it took. */
async function allPages(as: ReturnType<typeof apiAs>, path: string, limit: number) {
  const rows: Record<string, any>[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const page = await json(await as(`${path}?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`));
    rows.push(...page.rows);
    sizes.push(page.rows.length);
    cursor = page.nextCursor;
  } while (cursor);
  return { rows, sizes };
}

describe('the batches list', () => {
  it('shows a station its own batches newest first with their counts, a page at a time; the county sees its stations’ too', async () => {
    const first = await dispatch(stationSupervisor, { batchId: 'list-ly-1', lines: [unit('demo-grid-ly', '灵隐路 1 号'), { kind: 'unit', assigneeId: 'nobody' }] });
    const second = await dispatch(stationSupervisor, { batchId: 'list-ly-2', title: '第二批', lines: [unit('demo-grid-ly', '灵隐路 2 号'), unit('demo-mediator-ly', '灵隐路 3 号')] });
    const third = await dispatch(stationSupervisor, { batchId: 'list-ly-3', lines: [unit('demo-grid-ly', '灵隐路 4 号')] });
    const county = await dispatch(countySupervisor, { batchId: 'list-xh-1', lines: [unit('demo-grid-bs', '北山街 1 号')] });
    const at = new Date().toISOString();
    await report('list-ly-2', { seq: 1, type: 'dispatched', at, dueAt: new Date(Date.now() + 3_600_000).toISOString(), lines: [1, 2] });
    await report('list-ly-2', { seq: 2, type: 'overdue', at, lines: [2] });

    const { rows, sizes } = await allPages(stationSupervisor, '/api/batches', 2);
    expect(sizes).toEqual([2, 1]);
    expect(rows.map((row) => row.id)).toEqual([third.id, second.id, first.id]);
    const { lines: _, ...secondSummary } = second;
    expect(rows[1]).toEqual({ ...secondSummary, status: 'running', counts: { ...second.counts, waitingToDispatch: 0, dispatched: 2, overdue: 1 } });
    expect(rows[2]!.counts).toEqual({ lines: 2, accepted: 1, rejected: 1, casesFiled: 0, waitingToDispatch: 1, dispatched: 0, feedbackReceived: 0, overdue: 0 });

    const countyRows = (await allPages(countySupervisor, '/api/batches', 50)).rows.map((row) => row.id);
    expect(countyRows).toEqual([county.id, third.id, second.id, first.id]);
  });

  it('refuses grid workers, and a cursor that is not one of this list', async () => {
    expect((await gridWorker('/api/batches')).status).toBe(403);
    const cases = await json(await stationSupervisor('/api/cases?limit=1'));
    const foreign = cases.nextCursor ?? 'WyJuZXdlc3QiLCJ4IiwieSJd';
    const refused = await stationSupervisor(`/api/batches?cursor=${foreign}`);
    expect(refused.status).toBe(422);
    expect((await json(refused)).fields.map((f: { field: string }) => f.field)).toEqual(['cursor']);
    expect((await stationSupervisor('/api/batches?limit=0')).status).toBe(422);
  });
});

describe('my instructions', () => {
  it('lists the assignee’s own instructions, the open ones first by due time, each with its state; answered ones after', async () => {
    const hourFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const at = new Date().toISOString();
    await dispatch(stationSupervisor, { batchId: 'mine-later', lines: [unit('demo-grid-ly', '晚到期'), unit('demo-mediator-ly', '别人的')] });
    await dispatch(stationSupervisor, { batchId: 'mine-sooner', lines: [unit('demo-grid-ly', '早到期'), unit('demo-grid-ly', '已答复')] });
    await dispatch(stationSupervisor, { batchId: 'mine-past', lines: [unit('demo-grid-ly', '已逾期')] });
    await report('mine-later', { seq: 1, type: 'dispatched', at, dueAt: hourFromNow(48), lines: [1, 2] });
    await report('mine-sooner', { seq: 1, type: 'dispatched', at, dueAt: hourFromNow(2), lines: [1, 2] });
    await report('mine-past', { seq: 1, type: 'dispatched', at: hourFromNow(-3), dueAt: at, lines: [1] });
    await report('mine-past', { seq: 2, type: 'overdue', at, lines: [1] });

    const mine = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
    const before = await json(await mine('/api/instructions?limit=50'));
    const answer = before.rows.find((row: Record<string, any>) => row.payload.subject === '已答复');
    const answered = await mine(`/api/instructions/${answer.instructionId}/feedback`, { method: 'POST', body: JSON.stringify({ feedback: '已核查' }) });
    expect(answered.status).toBe(200);

    const { rows, sizes } = await allPages(mine, '/api/instructions', 2);
    expect(sizes.every((size) => size <= 2)).toBe(true);
    const ofTheseBatches = rows.filter((row) => row.batchId.startsWith('mine-'));
    expect(ofTheseBatches.map((row) => [row.payload.subject, row.state])).toEqual([
      ['已逾期', 'overdue'],
      ['早到期', 'running'],
      ['晚到期', 'running'],
      ['已答复', 'answered'],
    ]);
    expect(ofTheseBatches[0]).toMatchObject({ batchId: 'mine-past', kind: 'unit', assigneeId: 'demo-grid-ly', overdueAt: at, feedbackAt: null });
    expect(rows.every((row) => row.assigneeId === 'demo-grid-ly')).toBe(true);
    // Instructions not yet dispatched (no due time) come after the dispatched ones still open.
    const open = rows.filter((row) => row.state !== 'answered');
    expect(open.findIndex((row) => row.dueAt === null)).toBeGreaterThan(open.findLastIndex((row) => row.dueAt !== null));

    const mediator = await json(await apiAs(stack, tokenOf(stack, 'demo-mediator-ly'))('/api/instructions'));
    expect(mediator.rows.map((row: Record<string, any>) => row.payload.subject)).toContain('别人的');
    expect(mediator.rows.map((row: Record<string, any>) => row.payload.subject)).not.toContain('晚到期');
  });
});

describe('feedback reminders', () => {
  it('reminds each assignee once when the workflow reports the warning point; answering ends the reminder, and going overdue turns it into an overdue one', async () => {
    const id = 'remind-1';
    const view = await dispatch(stationSupervisor, { batchId: id, lines: [unit('demo-grid-ly', '提醒一'), unit('demo-grid-ly', '提醒二'), unit('demo-mediator-ly', '提醒三')] });
    const [first, second, third] = view.lines.map((line: { instructionId: number }) => line.instructionId);
    const gridLy = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
    const mediator = apiAs(stack, tokenOf(stack, 'demo-mediator-ly'));
    const answer = (as: ReturnType<typeof apiAs>, instructionId: number) =>
      as(`/api/instructions/${instructionId}/feedback`, { method: 'POST', body: JSON.stringify({ feedback: '已核查' }) });
    const remindersOf = async (as: ReturnType<typeof apiAs>) =>
      ((await json(await as('/api/notifications'))) as unknown as Record<string, any>[]).filter((note) => String(note.kind).startsWith('instruction_') && note.batchId === id);
    const stateOf = async (as: ReturnType<typeof apiAs>, instructionId: number) =>
      (await json(await as('/api/instructions?limit=200'))).rows.find((row: { instructionId: number }) => row.instructionId === instructionId)?.state;

    const at = new Date().toISOString();
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    await report(id, { seq: 1, type: 'dispatched', at, dueAt, lines: [1, 2, 3] });
    expect((await answer(gridLy, second)).status).toBe(200);
    const warning = { seq: 2, type: 'warning', at, lines: [1, 2, 3] };
    await report(id, warning);
    const path = `/internal/batches/${id}/events`;
    const again = await fetch(`${stack.edgeUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [signatureHeader]: await signRequest('test-internal-secret', 'POST', path, JSON.stringify(warning)) },
      body: JSON.stringify(warning),
    });
    expect(await json(again)).toEqual({ outcome: 'duplicate' });

    expect(await remindersOf(gridLy)).toEqual([
      { kind: 'instruction_warning', audience: 'assignee', instructionId: first, batchId: id, line: 1, dueAt, subject: '提醒一', createdAt: at, readAt: null },
    ]);
    expect((await remindersOf(mediator)).map((note) => note.instructionId)).toEqual([third]);
    expect(await stateOf(gridLy, first)).toBe('warning');
    expect(await stateOf(gridLy, second)).toBe('answered');
    expect((await json(await stationSupervisor(`/api/batches/${id}`))).counts).toMatchObject({ dispatched: 3, feedbackReceived: 1, overdue: 0 });

    expect((await answer(gridLy, first)).status).toBe(200);
    expect(await remindersOf(gridLy)).toEqual([]);
    expect(await stateOf(gridLy, first)).toBe('answered');
    const overdueAt = new Date().toISOString();
    await report(id, { seq: 3, type: 'overdue', at: overdueAt, lines: [3] });
    expect(await remindersOf(mediator)).toEqual([
      { kind: 'instruction_overdue', audience: 'assignee', instructionId: third, batchId: id, line: 3, dueAt, subject: '提醒三', createdAt: overdueAt, readAt: null },
    ]);
    expect(await stateOf(mediator, third)).toBe('overdue');
  });
});

describe('the API document', () => {
  it('documents both lists with examples whose cursors the routes accept', async () => {
    const document = (await json(await stationSupervisor('/api/openapi.json'))) as { paths: Record<string, Record<string, any>> };
    for (const path of ['/api/batches', '/api/instructions']) {
      const get = document.paths[path]!.get;
      expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(['limit', 'cursor']);
      const example = get.responses[200].content['application/json'].example;
      expect((await stationSupervisor(`${path}?cursor=${example.nextCursor}`)).status).toBe(200);
    }
  });
});
