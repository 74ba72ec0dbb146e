import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { mergedIntakeAnswerSchema } from '../../schemas/case-view';
import type { CaseView } from '../../workers/cases/case-view';
import { expectDocumentedCase } from '../support/case-answers';
import { apiAs, edgeOnlyStack, freshIntake, tokenOf } from '../support/stack';

/** The edge in workerd with a real local D1, Temporal unreachable: cases stay queued, which repeats do not mind. */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

type Party = { name: string; role: string; phone?: string };
type Answer = CaseView & { mergedRepeat?: boolean; mergedInto?: { caseId: string; caseNumber: string } };

/** A grid intake at `address` with `parties`; the rest as in the channel's example. */
const intake = (address: string, parties: Party[], more: Record<string, unknown> = {}): Record<string, any> => ({
  ...freshIntake('grid'),
  where: { address, gridCellCode: 'XH-LY-BLQ-01' },
  parties,
  ...more,
});

async function file(body: object, channel = 'grid', headers: Record<string, string> = {}) {
  const response = await gridWorker(`/api/intake/${channel}`, { method: 'POST', body: JSON.stringify(body), headers });
  const answer = (await response.json()) as Answer;
  // A new case (201) and a report that joined an earlier one (200) each answer as the API document says.
  if (response.status === 201) expectDocumentedCase(answer);
  if (response.status === 200) expectDocumentedCase(answer, mergedIntakeAnswerSchema);
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: answer };
}

/** Read as the station's command room, which dispatches the parties' cases and so reads their phones whole. */
async function readCase(id: string) {
  const view = (await (await apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'))(`/api/cases/${id}`)).json()) as CaseView;
  expectDocumentedCase(view);
  return view;
}

describe('the same dispute, however it is written', () => {
  it('白乐桥村12号 is the same place as 白乐桥村 12 号: the second report joins the first case and says so', async () => {
    const first = await file(intake('白乐桥村12号', [{ name: '张某', role: 'applicant' }]));
    expect(first.status).toBe(201);
    const online = { ...intake('白乐桥村 12 号', [{ name: '张某', role: 'applicant' }]), source: { platform: '本地论坛', excerpt: '油烟又来了', seenAt: '2026-11-23T08:10' } };
    const key = { 'idempotency-key': `merged-${Date.now()}` };
    const again = await file(online, 'online', key);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, mergedRepeat: true, mergedInto: { caseId: first.body.id, caseNumber: first.body.caseNumber } });

    // Sent again under its key, it is answered as the first time: joined, not filed.
    const replay = await file(online, 'online', key);
    expect([replay.status, replay.replayed, replay.body.mergedInto]).toEqual([200, 'true', again.body.mergedInto]);
    expect((await readCase(first.body.id)).timeline.filter((event) => event.type === 'repeat_report')).toHaveLength(1);
  });

  it('a phone written +86 138-0000-0001 is the same party as 13800000001, even at another address', async () => {
    const first = await file(intake('灵隐街道翁家山 3 号', [{ name: '吴某', role: 'applicant', phone: '13800000001' }]));
    const again = await file(intake('翁家山村委会门口', [{ name: '吴女士', role: 'applicant', phone: '+86 138-0000-0001' }]));
    expect(again.status).toBe(200);
    expect(again.body.mergedInto?.caseId).toBe(first.body.id);
  });

  it('two disputes between different people at one shared address stay two cases', async () => {
    const first = await file(intake('白乐桥村 88 号', [{ name: '陈某', role: 'applicant', phone: '13911110001' }]));
    const second = await file(intake('白乐桥村88号', [{ name: '孙某', role: 'applicant', phone: '13911110002' }]));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.mergedInto).toBeUndefined();
  });
});

describe('what a merged report brings to the case', () => {
  it('adds its new parties after the case’s own and its risks to the case’s, and keeps its whole intake on the timeline', async () => {
    const first = await file(intake('白乐桥村 45 号', [{ name: '钱某', role: 'applicant', phone: '13722220001' }], { riskFlags: ['violence'] }));
    const report = intake('白乐桥村45号', [{ name: '钱某', role: 'applicant' }, { name: '周某', role: 'respondent', phone: '13722220002' }], {
      category: 'property',
      riskFlags: ['group', 'violence'],
    });
    expect((await file(report)).status).toBe(200);

    const view = await readCase(first.body.id);
    expect(view.parties.map((p) => [p.name, p.phone])).toEqual([
      ['钱某', '13722220001'],
      ['周某', '13722220002'],
    ]);
    expect(view.riskFlags).toEqual(['violence', 'group']);
    expect(view.category).toBe('neighbour');
    const merged = view.timeline.find((event) => event.type === 'repeat_report')!;
    expect(merged.detail).toMatchObject({ channel: 'grid', category: 'property', where: report.where, riskFlags: ['group', 'violence'], summary: report.summary });
  });
});

describe('the intake form tells the filer', () => {
  const signIn = async () => {
    const response = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token: tokenOf(stack, 'demo-grid-ly'), next: '/intake/grid' }),
    });
    expect(response.status).toBe(303);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  };
  const postForm = (cookie: string, fields: Record<string, string>) =>
    fetch(`${stack.edgeUrl}/intake/grid`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
  const page = async (cookie: string, path: string) => (await fetch(`${stack.edgeUrl}${path}`, { headers: { cookie } })).text();

  it('that the report joined case N, in Chinese and in English, and again when the form is sent twice', async () => {
    const first = await file(intake('白乐桥村 66 号', [{ name: '郑某', role: 'applicant' }]));
    const cookie = await signIn();
    const form = {
      lang: 'zh-CN',
      idempotencyKey: `form-joined-${Date.now()}`,
      category: 'neighbour',
      summary: '郑某家门口堆放杂物，邻居再次反映',
      'where.address': '白乐桥村66号',
      'where.gridCellCode': 'XH-LY-BLQ-01',
      'parties.0.name': '郑某',
      'parties.0.role': 'respondent',
      'source.screenedBy': '王网格员',
    };
    const posted = await postForm(cookie, form);
    expect(posted.status).toBe(303);
    const receiptUrl = posted.headers.get('location')!;
    expect(receiptUrl).toBe(`/cases/${first.body.id}/receipt?lang=zh-CN&joined=1`);

    const zh = await page(cookie, receiptUrl);
    expect(zh).toContain(`本次登记与案件 ${first.body.caseNumber} 是同一纠纷，已并入该案件`);
    const en = await page(cookie, `/cases/${first.body.id}/receipt?lang=en&joined=1`);
    expect(en).toContain(`This report is about the same dispute as case ${first.body.caseNumber}, so it joined that case`);

    expect((await postForm(cookie, form)).headers.get('location')).toBe(receiptUrl);
  });

  it('nothing of the kind for a new case, even with the marker added by hand', async () => {
    const filed = await file(intake('白乐桥村 67 号', [{ name: '冯某', role: 'applicant' }]));
    const cookie = await signIn();
    const receipt = await page(cookie, `/cases/${filed.body.id}/receipt?lang=zh-CN&joined=1`);
    expect(receipt).toContain(filed.body.caseNumber);
    expect(receipt).not.toContain('已并入该案件');
  });
});

describe('splitting a wrongly merged report', () => {
  const split = (token: string, caseId: string, eventId: number) =>
    apiAs(stack, tokenOf(stack, token))(`/api/cases/${caseId}/repeats/${eventId}/split`, { method: 'POST' });

  it('files it as its own case, remembered on both; a mediator may not, and a second split is refused', async () => {
    const first = await file(intake('白乐桥村 99 号', [{ name: '何某', role: 'applicant' }]));
    const wrong = intake('白乐桥村99号', [{ name: '何某', role: 'respondent' }, { name: '吕某', role: 'applicant', phone: '13633330001' }], {
      category: 'labour',
      summary: '吕某在何某的作坊打工，被拖欠三个月工资',
      riskFlags: [],
    });
    expect((await file(wrong)).status).toBe(200);
    const reportEvent = (await readCase(first.body.id)).timeline.find((event) => event.type === 'repeat_report')!;

    expect((await split('demo-mediator-ly', first.body.id, reportEvent.id)).status).toBe(403);
    expect((await split('demo-grid-bs', first.body.id, reportEvent.id)).status).toBe(404);
    expect((await split('demo-supervisor-ly', first.body.id, 987654)).status).toBe(404);

    const response = await split('demo-supervisor-ly', first.body.id, reportEvent.id);
    expect(response.status).toBe(201);
    const own = (await response.json()) as CaseView;
    expectDocumentedCase(own);
    expect(own.id).not.toBe(first.body.id);
    expect(response.headers.get('location')).toBe(`/api/cases/${own.id}`);
    expect(own).toMatchObject({
      category: 'labour',
      summary: wrong.summary,
      status: 'queued',
      splitFrom: { caseId: first.body.id, repeatEventId: reportEvent.id },
    });
    expect(own.parties.map((p) => p.name)).toEqual(['何某', '吕某']);

    const original = await readCase(first.body.id);
    expect(original.timeline.at(-1)).toMatchObject({
      type: 'repeat_split',
      actor: 'demo-supervisor-ly',
      detail: { repeatEventId: reportEvent.id, caseId: own.id, caseNumber: own.caseNumber },
    });

    const again = await split('demo-supervisor-ly', first.body.id, reportEvent.id);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'already_split', case: { id: own.id, caseNumber: own.caseNumber } });
  });

  it('is in the API document', async () => {
    const document = (await (await gridWorker('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: object }>> };
    expect(Object.keys(document.paths['/api/cases/{id}/repeats/{eventId}/split']!.post!.responses)).toEqual(['201', '401', '403', '404', '409', '422', '429']);
  });
});
