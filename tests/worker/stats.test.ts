import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, tokenOf } from '../support/stack';

/** The edge in workerd with a real local D1; Temporal unreachable, so the cases filed here stay queued. */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  for (const channel of ['grid', 'online'] as const) {
    const response = await gridWorker(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify(freshIntake(channel)) });
    expect(response.status).toBe(201);
  }
});
afterAll(async () => stack?.stop());

describe('the figures over the API', () => {
  it('count this month’s filings for the station, by channel, with every figure’s definition', async () => {
    const station = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    const response = await station('/api/stats?groupBy=channel');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, any>;
    expect(body.total).toMatchObject({ filed: 2, openLoad: 2, resolved: 0, feedbackRate: null });
    expect(body.groups.map((g: { key: string; figures: { filed: number } }) => [g.key, g.figures.filed])).toEqual([
      ['grid', 1],
      ['online', 1],
    ]);
    expect(body.definitions.feedbackRate).toMatch(/feedbackReceived ÷ dispatched/);
  });

  it('gives the same rows as CSV that Excel opens in Chinese', async () => {
    const response = await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))('/api/stats?groupBy=jurisdiction&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(header).toMatch(/^派出所,排名,登记案件,应首次联系,/);
    expect(header).toContain('各途径化解·基层组织化解');
    expect(header).not.toMatch(/[a-z]{4}/);
    expect(rows.map((row) => row.split(',').slice(0, 3))).toEqual([
      ['灵隐派出所', '', '2'],
      ['合计', '', '2'],
    ]);
    const english = await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))('/api/stats?groupBy=jurisdiction&format=csv&lang=en');
    const [englishHeader] = (await english.text()).trim().split('\r\n');
    expect(englishHeader).toMatch(/^\uFEFF?Station,Rank,Filed,First contact due,/);
  });

  it('writes the total once when the figures are not grouped', async () => {
    const csv = await (await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))('/api/stats?format=csv')).text();
    const rows = csv.trim().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[0])).toEqual(['合计']);
  });

  it('count the verification instructions of the period and their closed-loop feedback rate', async () => {
    const station = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    const lines = [
      { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 20 号' },
      { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 21 号' },
    ];
    const batch = (await (await station('/api/batches', { method: 'POST', body: JSON.stringify({ batchId: `stats-${Date.now()}`, lines }) })).json()) as {
      lines: { instructionId: number }[];
    };
    const answered = await gridWorker(`/api/instructions/${batch.lines[0]!.instructionId}/feedback`, {
      method: 'POST',
      body: JSON.stringify({ feedback: '已上门核查，实住 3 人' }),
    });
    expect(answered.status).toBe(200);
    const figures = (await (await station('/api/stats')).json()) as { instructions: object; definitions: { instructions: object } };
    expect(figures.instructions).toEqual({ issued: 2, answered: 1, feedbackRate: 0.5 });
    expect(figures.definitions.instructions).toHaveProperty('feedbackRate');
  });

  it('are for supervisors, within their own jurisdiction, and say what is wrong with a query', async () => {
    expect((await apiAs(stack, tokenOf(stack, 'demo-mediator-ly'))('/api/stats')).status).toBe(403);
    const station = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
    expect((await station('/api/stats?jurisdiction=XH-BS')).status).toBe(404);
    const bad = await station('/api/stats?groupBy=weather&from=2026-12-01&to=2026-11-01');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toContain('groupBy');
    const lastYear = (await (await station('/api/stats?from=2025-01-01&to=2025-02-01')).json()) as { total: { filed: number } };
    expect(lastYear.total.filed).toBe(0);
  });
});
