import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeSchemas } from '../../schemas/intake';
import { slaPolicySchema } from '../../schemas/policy';
import { stepNames, stepPayloadSchemas } from '../../schemas/steps';
import { channels, type Channel } from '../../schemas/vocabulary';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, tokenOf } from '../support/stack';

/** The edge in workerd with a real local D1, and Temporal unreachable: every case stays queued in the outbox. */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const example = (channel: Channel) => freshIntake(channel);

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

describe('intake over JSON', () => {
  it.each(channels)('files a %s case: 201, a case number of the station and day, queued while Temporal is away', async (channel) => {
    const response = await gridWorker(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify(example(channel)) });
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, any>;
    expect(response.headers.get('location')).toBe(`/api/cases/${body.id}`);
    expect(body).toMatchObject({ channel, status: 'queued', jurisdictionCode: 'XH-LY', riskFlags: ['violence'] });
    expect(body.caseNumber).toMatch(/^XH-LY-\d{8}-\d{4}$/);
    expect(Date.parse(body.deadlines.firstContact)).toBeGreaterThan(Date.parse(body.filedAt));
    expect(body.timeline).toEqual([expect.objectContaining({ type: 'filed', actor: 'demo-grid-ly' })]);
  });

  it('numbers the cases of one station and day one after another', async () => {
    const numbers = [];
    for (let i = 0; i < 3; i++) {
      const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(example('grid')) });
      numbers.push(((await response.json()) as { caseNumber: string }).caseNumber);
    }
    const counters = numbers.map((n) => Number(n.slice(-4)));
    expect(counters).toEqual([counters[0], counters[0]! + 1, counters[0]! + 2]);
  });

  it('answers 422 with one message per field, in the language asked for, and writes nothing', async () => {
    const bad = { ...example('enforcement'), summary: 'short', source: { incidentNumber: '警情#1' } };
    const zh = await gridWorker('/api/intake/enforcement', { method: 'POST', body: JSON.stringify(bad) });
    expect(zh.status).toBe(422);
    expect(await zh.json()).toEqual({
      error: 'invalid_intake',
      fields: [
        { field: 'summary', code: 'min_length', message: '纠纷简要情况至少需要 10 个字' },
        { field: 'source.incidentNumber', code: 'incidentNumber', message: '警情或案件编号只能包含字母、数字和连字符（4–40 位）' },
      ],
    });
    const en = await gridWorker('/api/intake/enforcement', { method: 'POST', body: JSON.stringify(bad), headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(((await en.json()) as { fields: { message: string }[] }).fields[0]!.message).toBe('What happened needs at least 10 characters');
  });

  it('refuses two applicants with nobody the dispute is with, naming the field, and files nothing', async () => {
    const oneSide = { ...example('grid'), parties: [{ name: '周某', role: 'applicant' }, { name: '吴某', role: 'applicant' }] };
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(oneSide), headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { fields: unknown[] }).fields).toEqual([
      { field: 'parties', code: 'partiesOneSide', message: '填写了多名当事人时，请至少标明一名被申请人（姓名不详可写称呼，如“楼上住户”）' },
    ]);
  });

  it('answers 404 naming the channels for a channel that does not exist', async () => {
    const response = await gridWorker('/api/intake/hotline', { method: 'POST', body: JSON.stringify(example('grid')) });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain('grid, community, online, enforcement');
  });
});

describe('repeat disputes', () => {
  it('lands a second intake about the same address on the earlier case, with the new report and its channel', async () => {
    const first = example('grid');
    const filed = (await (await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(first) })).json()) as { id: string };
    const again = { ...example('online'), where: first.where, summary: '网上又有人发帖说烧烤油烟问题没解决' };
    const response = await gridWorker('/api/intake/online', { method: 'POST', body: JSON.stringify(again) });
    expect(response.status).toBe(200);
    const merged = (await response.json()) as { id: string; mergedRepeat: boolean; timeline: { type: string; detail: { channel?: string } }[] };
    expect(merged).toMatchObject({ id: filed.id, mergedRepeat: true });
    expect(merged.timeline.map((e) => [e.type, e.detail.channel])).toEqual([
      ['filed', 'grid'],
      ['repeat_report', 'online'],
    ]);
  });
});

describe('repeats never cross a jurisdiction', () => {
  it('files a new case when the earlier one with the same phone lies outside the grid worker’s community', async () => {
    const phone = `139${String(Date.now()).slice(-8)}`;
    const elsewhere = { ...example('grid'), where: { address: '灵隐社区 8 幢', gridCellCode: 'XH-LY-LYS-01' }, parties: [{ name: '吴某', role: 'applicant', phone }] };
    const mediator = apiAs(stack, tokenOf(stack, 'demo-mediator-ly'));
    const earlier = (await (await mediator('/api/intake/grid', { method: 'POST', body: JSON.stringify(elsewhere) })).json()) as { id: string };
    const mine = { ...example('grid'), parties: [{ name: '吴某', role: 'applicant', phone }] };
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(mine) });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { id: string }).id).not.toBe(earlier.id);
  });
});

describe('who may file and read', () => {
  it('needs a valid bearer token', async () => {
    expect((await apiAs(stack, undefined)('/api/intake/grid', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await apiAs(stack, 'not-a-token')('/api/cases/x')).status).toBe(401);
  });

  it('refuses to file into a grid cell outside the grid worker’s jurisdiction', async () => {
    const body = example('grid');
    body.where.gridCellCode = 'XH-BS-SG-01';
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: 'invalid_intake', fields: [{ field: 'where.gridCellCode', code: 'gridCellOutside', message: '该网格不在您的辖区内' }] });
  });

  it('names the grid cell outside the jurisdiction in the same round as a format error, so one fix files it', async () => {
    const body = example('grid');
    body.where.gridCellCode = 'XH-BS-SG-01';
    body.summary = '短';
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(body) });
    expect(response.status).toBe(422);
    const { fields } = (await response.json()) as { fields: { field: string }[] };
    expect(fields.map((error) => error.field).sort()).toEqual(['summary', 'where.gridCellCode']);
  });

  it('answers 415 to a body not sent as JSON and 400 to JSON that does not parse, not a list of missing fields', async () => {
    const asText = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(example('grid')), headers: { 'content-type': 'text/plain' } });
    expect(asText.status).toBe(415);
    expect(await asText.json()).toMatchObject({ error: 'unsupported_media_type' });
    const broken = await gridWorker('/api/intake/grid', { method: 'POST', body: '{"where": ' });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'malformed_json' });
  });

  it('answers 413 to a body over the limit, sent whole or in chunks without a length', async () => {
    const big = JSON.stringify({ ...example('grid'), summary: '邻'.repeat(700_000) });
    const whole = await gridWorker('/api/intake/grid', { method: 'POST', body: big });
    expect(whole.status).toBe(413);
    const bytes = new TextEncoder().encode(big);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.slice(at, at + 64 * 1024));
        controller.close();
      },
    });
    const streamed = await gridWorker('/api/intake/grid', { method: 'POST', body: chunked, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: 'too_large' });
  });

  it('answers 405 with the methods a documented path takes, and 404 for a path no one documented', async () => {
    const deleteList = await gridWorker('/api/cases', { method: 'DELETE' });
    expect(deleteList.status).toBe(405);
    expect(deleteList.headers.get('allow')).toBe('GET, HEAD');
    const putHealth = await fetch(`${stack.edgeUrl}/healthz`, { method: 'PUT' });
    expect(putHealth.status).toBe(405);
    expect(putHealth.headers.get('allow')).toBe('GET, HEAD');
    expect((await gridWorker('/api/intake/grid', { method: 'GET' })).headers.get('allow')).toBe('POST');
    expect((await gridWorker('/api/nothing-here')).status).toBe(404);
  });

  it('lets a grid worker read their own case, but another station’s grid worker gets 404 as for a missing case', async () => {
    const filed = (await (await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(example('grid')) })).json()) as { id: string };
    expect((await gridWorker(`/api/cases/${filed.id}`)).status).toBe(200);
    const other = apiAs(stack, tokenOf(stack, 'demo-grid-bs'));
    const hidden = await other(`/api/cases/${filed.id}`);
    const missing = await other('/api/cases/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual(await missing.json());
    expect((await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))(`/api/cases/${filed.id}`)).status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  it('returns the first answer to a repeat, never a second case, also under concurrent repeats', async () => {
    const body = JSON.stringify(example('online'));
    const headers = { 'idempotency-key': `key-${Date.now()}` };
    const answers = await Promise.all(Array.from({ length: 6 }, () => gridWorker('/api/intake/online', { method: 'POST', body, headers })));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    const ids = new Set(await Promise.all(answers.map(async (a) => ((await a.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(5);
  });

  it('refuses another body under a key already used', async () => {
    const headers = { 'idempotency-key': `key-reused-${Date.now()}` };
    await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(example('grid')), headers });
    const changed = { ...example('grid'), summary: '另一起纠纷：楼上漏水导致楼下天花板受损' };
    const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(changed), headers });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: string }).error).toBe('idempotency_key_reused');
  });
});

describe('health and the API document', () => {
  it('reports Temporal down with 503 while the database is up, with the filing waiting in the outbox', async () => {
    const response = await fetch(`${stack.edgeUrl}/healthz`);
    expect(response.status).toBe(503);
    const health = (await response.json()) as { outbox: { pending: number; dead: number } };
    expect(health).toMatchObject({ ok: false, database: 'up', temporal: 'down', workers: null, outbox: { dead: 0 } });
    expect(health.outbox.pending).toBeGreaterThan(0);
  });

  it('documents every route, each request body with an example its own schema accepts', async () => {
    const document = (await (await gridWorker('/api/openapi.json')).json()) as { paths: Record<string, Record<string, any>> };
    for (const channel of channels) {
      const post = document.paths[`/api/intake/${channel}`]!.post;
      const example = post.requestBody.content['application/json'].example;
      expect(v.safeParse(intakeSchemas[channel], example).success).toBe(true);
      expect(post.requestBody.content['application/json'].schema.properties.source).toBeDefined();
      expect(document.paths[`/intake/${channel}`]).toHaveProperty('post');
    }
    // Each step its own path and body, so no body is read as another step's.
    for (const name of stepNames) {
      const body = document.paths[`/api/cases/{id}/steps/${name}`]!.post.requestBody.content['application/json'];
      expect(v.safeParse(stepPayloadSchemas[name], body.example).success).toBe(true);
    }
    const policy = document.paths['/api/policy']!.post.requestBody.content['application/json'].example;
    expect(v.safeParse(slaPolicySchema, policy).success).toBe(true);
    for (const path of ['/api/cases/{id}', '/healthz', '/api/openapi.json', '/internal/cases/{id}/events', '/login', '/cases/{id}/receipt']) {
      expect(document.paths).toHaveProperty([path]);
    }
  });
});
