import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClock, type ClockFacts } from '../../domain/clocks/clock-reading';
import { caseListQueryFields, clockStates } from '../../schemas/case-list';
import type { Stack } from '../../scripts/stack';
import { clock, fileCase, listAs, newMarker, project } from '../support/case-lists';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/**
 * Each filter and sort of GET /api/cases over the real edge. Four cases of one station, told apart by what their
 * (signed, workflow-shaped) reports made of them; every query searches this file's marker, so cases filed by other
 * tests never get in.
 */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const marker = newMarker();
const hour = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * hour).toISOString();
const cases: Record<'queued' | 'late' | 'warned' | 'closed', { id: string; caseNumber: string }> = {} as never;

const supervisor = () => apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
const found = async (query: string, as = supervisor()) => (await listAs(as, `q=${marker}&${query}`)).rows.map((row) => row.id);
const named = (...names: (keyof typeof cases)[]) => names.map((name) => cases[name].id);

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  // Filed one after another, so `newest` has an order to show.
  cases.queued = await fileCase(gridWorker, marker, (intake) => (intake.category = 'neighbour'), 'grid');
  cases.late = await fileCase(gridWorker, marker, (intake) => (intake.category = 'labour'), 'online');
  cases.warned = await fileCase(gridWorker, marker, (intake) => (intake.category = 'family'), 'community');
  cases.closed = await fileCase(gridWorker, marker, (intake) => (intake.category = 'property'), 'enforcement');
  const breachedAt = inHours(-2);
  await project(stack, cases.late.id, 1, {
    route: 'judicial',
    hardCase: true,
    order: 'accepted',
    assigneeId: 'demo-mediator-ly',
    escalationLevel: 1,
    overdue: true,
    clocks: [clock('firstContact', breachedAt, { warnedAt: inHours(-3), breachedAt }), clock('accept', inHours(1), { warnedAt: inHours(-0.5) })],
  });
  await project(stack, cases.warned.id, 1, {
    clocks: [clock('firstContact', inHours(-1), { stoppedAt: inHours(-1.5) }), clock('resolve', inHours(48), { warnedAt: inHours(-0.1) })],
  });
  await project(stack, cases.closed.id, 1, {
    status: 'closed',
    outcome: 'withdrawn',
    order: 'closed',
    clocks: [clock('firstContact', inHours(5), { stoppedAt: inHours(-0.2) })],
  });
});
afterAll(async () => stack?.stop());

describe('filters', () => {
  it.each([
    ['a search looks among every status unless asked', '', ['queued', 'late', 'warned', 'closed']],
    ['unfinished ones when asked', 'status=open', ['late', 'warned']],
    ['one status', 'status=closed', ['closed']],
    ['every status', 'status=all', ['queued', 'late', 'warned', 'closed']],
    ['a channel', 'channel=online', ['late']],
    ['a route', 'route=judicial', ['late']],
    ['a category', 'category=family', ['warned']],
    ['hard cases', 'hard=1', ['late']],
    ['cases that are not hard', 'hard=0', ['queued', 'warned', 'closed']],
    ['an escalation level', 'escalation=1', ['late']],
    ['live escalations', 'escalated=1', ['late']],
    ['the overdue', 'overdue=1', ['late']],
    ['a mediator', 'assignee=demo-mediator-ly', ['late']],
    ['an open clock by name', 'clock=accept', ['late']],
    ['a stopped clock is not open', 'clock=firstContact', ['queued', 'late']],
    ['open clocks in a state', 'clockState=warning', ['late', 'warned']],
    ['one clock in one state', 'clock=resolve&clockState=warning', ['warned']],
    ['breached clocks', 'clockState=breached', ['late']],
    ['running clocks', 'clockState=running', ['queued']],
    ['an open clock due after a time', `dueAfter=${inHours(30)}`, ['warned']],
    ['an open clock due before a time (local time of the county)', `dueBefore=${inHours(8 + 2).slice(0, 16)}`, ['late']],
    ['filed today', `filedFrom=${localToday()}&filedTo=${localToday()}`, ['queued', 'late', 'warned', 'closed']],
    ['filed before today', 'filedTo=2020-01-31', []],
  ] as const)('%s', async (_, query, expected) => {
    expect((await found(query)).sort()).toEqual(named(...expected).sort());
  });

  it('shows the unfinished cases alone when nothing is searched for: the work list', async () => {
    const ids = (await listAs(supervisor(), '')).rows.map((row) => row.id);
    expect(ids.filter((id) => Object.values(cases).some((filed) => filed.id === id))).toEqual(named('late', 'queued', 'warned'));
  });

  it('lists a mediator’s own cases with mine=1', async () => {
    expect(await found('mine=1', apiAs(stack, tokenOf(stack, 'demo-mediator-ly')))).toEqual(named('late'));
    expect(await found('mine=1')).toEqual([]);
  });
});

describe('sorts', () => {
  it('puts the overdue first by default, then the nearest deadline, then cases without an open clock', async () => {
    expect(await found('')).toEqual(named('late', 'queued', 'warned', 'closed'));
  });

  it('orders by the nearest open deadline, or by the newest filed', async () => {
    expect(await found('sort=nearestDue&status=all')).toEqual(named('late', 'queued', 'warned', 'closed'));
    expect(await found('sort=newest&status=all')).toEqual(named('closed', 'warned', 'late', 'queued'));
  });
});

describe('each row', () => {
  it('shows every open clock with its due time and state, the nearest first, besides the columns it showed before', async () => {
    const [late] = (await listAs(supervisor(), `q=${marker}&overdue=1`)).rows as Record<string, any>[];
    expect(late).toMatchObject({
      id: cases.late.id,
      caseNumber: cases.late.caseNumber,
      status: 'open',
      channel: 'online',
      category: 'labour',
      route: 'judicial',
      hardCase: true,
      order: 'accepted',
      assigneeId: 'demo-mediator-ly',
      assigneeName: '赵调解员',
      escalationLevel: 1,
      overdue: true,
      paused: false,
    });
    expect(late!.clocks.map((c: { clock: string; state: string }) => [c.clock, c.state])).toEqual([
      ['firstContact', 'breached'],
      ['accept', 'warning'],
    ]);
    expect(late!.overdueSince).toBe(late!.clocks[0].dueAt);
    expect(late!.nextDueAt).toBe(late!.clocks[0].dueAt);
  });

  it('shows the mediator by the name an admin gives them, and drops a clock the workflow stops', async () => {
    const admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const rename = (name: string) => admin('/api/users/demo-mediator-ly', { method: 'PATCH', body: JSON.stringify({ name }) });
    expect((await rename('赵明调解员')).status).toBe(200);
    try {
      const [late] = (await listAs(supervisor(), `q=${marker}&overdue=1`)).rows as Record<string, any>[];
      expect(late).toMatchObject({ id: cases.late.id, assigneeName: '赵明调解员' });
    } finally {
      expect((await rename('赵调解员')).status).toBe(200);
    }

    const acceptDue = inHours(1);
    await project(stack, cases.late.id, 2, {
      route: 'judicial',
      hardCase: true,
      order: 'accepted',
      assigneeId: 'demo-mediator-ly',
      escalationLevel: 1,
      overdue: true,
      clocks: [clock('firstContact', inHours(-2), { breachedAt: inHours(-2), stoppedAt: inHours(-0.1) }), clock('accept', acceptDue, { warnedAt: inHours(-0.5) })],
    });
    const [late] = (await listAs(supervisor(), `q=${marker}&overdue=1`)).rows as Record<string, any>[];
    expect(late!.clocks.map((c: { clock: string }) => c.clock)).toEqual(['accept']);
    expect(late).toMatchObject({ overdueSince: null, nextDueAt: late!.clocks[0].dueAt });
  });
});

describe('a clock’s state, read at the moment of the query', () => {
  // The SQL behind clockState restates domain/clocks/clock-reading.ts; these cases sit on each side of its rule.
  const moment = newMarker();
  const facts = {
    unreported: { dueAt: inHours(-1), reported: 'warning', paused: false },
    pausedPastDue: { dueAt: inHours(-1), reported: 'warning', paused: true },
    warned: { dueAt: inHours(5), reported: 'warning', paused: false },
    reported: { dueAt: inHours(-2), reported: 'breached', paused: false },
  } as const satisfies Record<string, ClockFacts>;
  const filed: Partial<Record<keyof typeof facts, string>> = {};

  beforeAll(async () => {
    let seq = 0;
    for (const [name, clockFacts] of Object.entries(facts) as [keyof typeof facts, ClockFacts][]) {
      const { id } = await fileCase(gridWorker, moment);
      filed[name] = id;
      const reported = { warnedAt: inHours(-3), ...(clockFacts.reported === 'breached' ? { breachedAt: clockFacts.dueAt } : {}) };
      await project(stack, id, ++seq, {
        paused: clockFacts.paused,
        overdue: clockFacts.reported === 'breached',
        clocks: [
          clock('firstContact', inHours(-4), { stoppedAt: inHours(-3.5) }),
          { ...clock('resolve', clockFacts.dueAt, reported), pausedAt: clockFacts.paused ? inHours(-1.5) : null },
        ],
      });
    }
  });

  it('finds a clock past due as breached before the workflow reports it, and a paused one as it stood', async () => {
    const now = Date.now();
    for (const state of clockStates) {
      const expected = Object.entries(facts).filter(([, clockFacts]) => readClock(clockFacts, now).state === state).map(([name]) => filed[name as keyof typeof facts]);
      const { rows } = await listAs(supervisor(), `q=${moment}&clockState=${state}`);
      expect(rows.map((row) => row.id).sort(), state).toEqual(expected.sort());
      for (const row of rows) expect(row.clocks.map((c) => c.state), state).toEqual([state]);
    }
    expect(readClock(facts.unreported, now).state).toBe('breached');
    expect(readClock(facts.pausedPastDue, now).state).toBe('warning');
  });
});

describe('the API document', () => {
  it('lists every query parameter the route validates, and the list’s page, CSV and workbook answers', async () => {
    const document = (await (await supervisor()('/api/openapi.json')).json()) as { paths: Record<string, any> };
    const list = document.paths['/api/cases'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(Object.keys(caseListQueryFields.entries));
    expect(list.parameters.find((p: { name: string }) => p.name === 'sort').schema.enum).toEqual(['overdue', 'nearestDue', 'newest']);
    expect(Object.keys(list.responses[200].content)).toEqual(['application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(list.responses[200].content['application/json'].schema.properties).toHaveProperty('nextCursor');
  });
});

describe('bad values', () => {
  it('answers 422 with one message per field', async () => {
    const query = 'channel=fax&hard=2&escalation=3&filedFrom=2026-02-30&sort=oldest&clockState=late&dueBefore=soon&limit=0&format=pdf&jurisdiction=XH/LY';
    const response = await supervisor()(`/api/cases?${query}`, { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(422);
    const { fields } = (await response.json()) as { fields: { field: string; message: string }[] };
    expect(fields.map((f) => f.field).sort()).toEqual(
      ['channel', 'hard', 'escalation', 'filedFrom', 'sort', 'clockState', 'dueBefore', 'limit', 'format', 'jurisdiction'].sort(),
    );
    expect(fields.find((f) => f.field === 'filedFrom')?.message).toBe('Filed from must be a date (YYYY-MM-DD)');
  });

  it('refuses a day range that ends before it starts', async () => {
    const response = await supervisor()('/api/cases?filedFrom=2026-11-02&filedTo=2026-11-01');
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: 'invalid_query', fields: [{ field: 'filedTo', code: 'filedRange', message: '登记日期止不能早于登记日期起' }] });
  });
});

function localToday() {
  return new Date(Date.now() + 8 * hour).toISOString().slice(0, 10);
}
