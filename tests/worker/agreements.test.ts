import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { fileCase, newMarker, newPhone } from '../support/case-lists';
import { postReport, workflowReport } from '../support/reports';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The mediation agreement: numbered per committee (the case's station) and year as the workflow's report of it is
 * projected, and printed for whoever may read the case. Temporal stays unreachable: the reports are sent to the edge
 * as the case's workflow sends them.
 */
let stack: Stack;
const holder = { id: 'demo-mediator-ly', name: '赵调解员' };
const recorded = {
  facts: '楼下烧烤店油烟直排，楼上住户多次投诉，双方发生争执',
  responsibilities: '烧烤店未安装油烟净化设施，负主要责任',
  terms: '十日内加装净化器，营业至 22 点',
  performance: '烧烤店于十日内自费加装油烟净化器，网格员到场查看',
  requestConfirmation: false,
};
let seq = 10;
/** What the case's workflow reports when the mediator records an agreement: the step, and the case resolved. */
const agreementReport = (detail: Record<string, unknown> = recorded, at = new Date().toISOString()) =>
  workflowReport((seq += 1), {
    type: 'step:record-agreement',
    detail,
    at,
    projection: { status: 'resolved', outcome: 'agreement', order: 'accepted', assigneeId: holder.id },
    progress: { assignee: holder },
  });
const send = (caseId: string, report: object) => postReport(stack.edgeUrl, caseId, report, stack.options.internalSecret);

const parties = () => [
  { name: '张三', role: 'applicant', phone: newPhone(), address: '白乐桥村 12 号' },
  { name: '李四烧烤店', role: 'respondent', phone: newPhone(), address: '白乐桥村 8 号' },
];
const fileIn = (api: ReturnType<typeof apiAs>, gridCellCode?: string) =>
  fileCase(api, newMarker(), (intake) => {
    intake.parties = parties();
    if (gridCellCode) intake.where.gridCellCode = gridCellCode;
  });

const pageOf = (cookie: string, path: string) => fetch(`${stack.edgeUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
const numberOn = (html: string) => {
  const found = /data-testid="agreement-number" data-year="(\d+)" data-number="(\d+)"/.exec(html);
  return found ? { year: Number(found[1]), number: Number(found[2]) } : undefined;
};
/** The year in the county (+08:00), which the numbers count in. */
const countyYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();

let supervisorLy: string;
let gridLy: ReturnType<typeof apiAs>;
let gridBs: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack, gridWorker: gridLy } = await edgeOnlyStack());
  gridBs = apiAs(stack, tokenOf(stack, 'demo-grid-bs'));
  supervisorLy = await sessionCookieOf(stack, 'demo-supervisor-ly');
});
afterAll(async () => stack?.stop());

describe('numbering', () => {
  let lingyin: { id: string }[] = [];

  it('gives 20 agreements recorded at once at one station 20 numbers one after another, none twice', async () => {
    lingyin = [];
    for (let i = 0; i < 20; i += 1) lingyin.push(await fileIn(gridLy));
    const answers = await Promise.all(lingyin.map((filed) => send(filed.id, agreementReport())));
    expect(answers.map((answer) => answer.status)).toEqual(lingyin.map(() => 200));
    const numbers = await Promise.all(lingyin.map(async (filed) => numberOn(await (await pageOf(supervisorLy, `/cases/${filed.id}/agreement`)).text())));
    expect(numbers.every((n) => n?.year === countyYear())).toBe(true);
    expect(numbers.map((n) => n!.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('keeps a retried report’s number and counts on from there', async () => {
    const first = lingyin[0]!;
    const before = numberOn(await (await pageOf(supervisorLy, `/cases/${first.id}/agreement`)).text());
    const report = agreementReport();
    const again = await fileIn(gridLy);
    expect((await send(again.id, report)).status).toBe(200);
    const retried = await send(again.id, report);
    expect(await retried.json()).toEqual({ outcome: 'duplicate' });
    expect(numberOn(await (await pageOf(supervisorLy, `/cases/${again.id}/agreement`)).text())?.number).toBe(21);
    expect(numberOn(await (await pageOf(supervisorLy, `/cases/${first.id}/agreement`)).text())).toEqual(before);
    const next = await fileIn(gridLy);
    await send(next.id, agreementReport());
    expect(numberOn(await (await pageOf(supervisorLy, `/cases/${next.id}/agreement`)).text())?.number).toBe(22);
  });

  it('counts another station’s agreements on their own, from 1', async () => {
    const beishan = await fileIn(gridBs, 'XH-BS-SG-01');
    expect((await send(beishan.id, agreementReport())).status).toBe(200);
    const countyCookie = await sessionCookieOf(stack, 'demo-supervisor-xh');
    const page = await (await pageOf(countyCookie, `/cases/${beishan.id}/agreement`)).text();
    expect(numberOn(page)?.number).toBe(1);
    expect(page).toContain(`（${countyYear()}）北人调字第 1 号`);
  });

  it('counts an agreement recorded on New Year’s Eve after 16:00 UTC in the county’s new year', async () => {
    const filed = await fileIn(gridBs, 'XH-BS-SG-01');
    await send(filed.id, agreementReport(recorded, '2030-12-31T16:30:00.000Z'));
    const countyCookie = await sessionCookieOf(stack, 'demo-supervisor-xh');
    expect(numberOn(await (await pageOf(countyCookie, `/cases/${filed.id}/agreement`)).text())).toEqual({ year: 2031, number: 1 });
  });
});

describe('the printed agreement', () => {
  let settled: { id: string; caseNumber: string };

  beforeAll(async () => {
    settled = await fileIn(gridLy);
    expect((await send(settled.id, agreementReport())).status).toBe(200);
  });

  it('holds every item Art. 29 asks for, its number and the lines to sign and seal, in Chinese', async () => {
    const answer = await pageOf(supervisorLy, `/cases/${settled.id}/agreement`);
    expect(answer.status).toBe(200);
    const page = await answer.text();
    expect(page).toContain('<h1>人民调解协议书</h1>');
    expect(page).toMatch(/（\d{4}）灵人调字第 \d+ 号/);
    for (const words of ['张三', '李四烧烤店', '申请人', '被申请人', '白乐桥村 12 号', '白乐桥村 8 号', ...Object.values(recorded).filter((v) => typeof v === 'string')]) {
      expect(page, String(words)).toContain(words);
    }
    // A supervisor reads the parties' phones whole.
    expect(page).toMatch(/139\d{8}/);
    expect(page).toContain('本协议书一式 3 份，当事人各执一份，人民调解委员会留存一份。');
    expect(page.match(/data-signature="party"/g)).toHaveLength(2);
    expect(page).toContain('data-signature="mediator"');
    expect(page).toContain('人民调解员（签名）：（赵调解员）');
    expect(page).toContain('灵隐派出所人民调解委员会（印章）');
    expect(page).toMatch(/\d{4} 年 \d{1,2} 月 \d{1,2} 日/);
    expect(page).toContain('@page { size: A4;');
    expect(page).toContain('id="print-page"');
  });

  it('is in English on ?lang=en', async () => {
    const page = await (await pageOf(supervisorLy, `/cases/${settled.id}/agreement?lang=en`)).text();
    expect(page).toContain('People’s mediation agreement');
    expect(page).toContain('one for each party and one kept by the people’s mediation committee');
  });

  it('masks the phones for a mediator reading a colleague’s case, as the case page does', async () => {
    const colleague = await fileIn(gridLy);
    await send(
      colleague.id,
      workflowReport((seq += 1), {
        type: 'step:record-agreement',
        detail: { terms: '赔偿五百元', requestConfirmation: false },
        projection: { status: 'resolved', outcome: 'agreement', order: 'accepted', assigneeId: 'someone-else' },
        progress: { assignee: { id: 'someone-else', name: '钱调解员' } },
      }),
    );
    const page = await (await pageOf(await sessionCookieOf(stack, 'demo-mediator-ly'), `/cases/${colleague.id}/agreement`)).text();
    expect(page).toContain('赔偿五百元');
    expect(page).not.toMatch(/139\d{8}/);
    expect(page).toMatch(/139\*{4}\d{4}/);
    // Recorded before the facts were asked for: the lines are left to write by hand.
    expect(page).toContain('（调解员未记录，请手写补充）');
  });

  it('is linked from the case page once recorded', async () => {
    const page = await (await pageOf(supervisorLy, `/cases/${settled.id}`)).text();
    expect(page).toContain(`href="/cases/${settled.id}/agreement"`);
  });

  it('is as missing to another station’s mediator as the case is', async () => {
    const admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const id = `mediator-bs-${newMarker()}`;
    const made = await admin('/api/users', { method: 'POST', body: JSON.stringify({ id, name: '北山调解员', role: 'mediator', jurisdictionCode: 'XH-BS' }) });
    expect(made.status).toBe(201);
    const issued = await admin(`/api/users/${id}/tokens`, { method: 'POST', body: JSON.stringify({ name: '测试', expiresInDays: 7 }) });
    const { token } = (await issued.json()) as { token: string };
    const login = await fetch(`${stack.edgeUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl },
      body: new URLSearchParams({ token }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect((await pageOf(cookie, `/cases/${settled.id}/agreement`)).status).toBe(404);
  });

  it('is not found for a case without an agreement', async () => {
    const open = await fileIn(gridLy);
    expect((await pageOf(supervisorLy, `/cases/${open.id}/agreement`)).status).toBe(404);
    const page = await (await pageOf(supervisorLy, `/cases/${open.id}`)).text();
    expect(page).not.toContain('/agreement"');
  });
});

describe('the committee’s template', () => {
  const post = (cookie: string, path: string, fields: Record<string, string>) =>
    fetch(`${stack.edgeUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });

  it('starts from each station’s name, and the admin’s own words are printed on the agreements after', async () => {
    const admin = await sessionCookieOf(stack, 'demo-admin');
    const page = await (await pageOf(admin, '/admin/agreements')).text();
    expect(page).toContain('value="灵隐派出所人民调解委员会"');
    expect(page).toContain('value="北人调"');
    const saved = await post(admin, '/admin/agreements/XH-LY', { committeeName: '灵隐街道人民调解委员会', sealText: '杭州市西湖区灵隐街道人民调解委员会', numberPrefix: '灵隐调', lang: 'zh-CN' });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/agreements?saved=XH-LY');
    const settled = await fileIn(gridLy);
    await send(settled.id, agreementReport());
    const printed = await (await pageOf(supervisorLy, `/cases/${settled.id}/agreement`)).text();
    expect(printed).toMatch(/（\d{4}）灵隐调字第 \d+ 号/);
    expect(printed).toContain('杭州市西湖区灵隐街道人民调解委员会（印章）');
    expect(printed).toContain('灵隐街道人民调解委员会');
  });

  it('sends a prefix that would garble the number back beside its field, and refuses a place that is not a station', async () => {
    const admin = await sessionCookieOf(stack, 'demo-admin');
    const refused = await post(admin, '/admin/agreements/XH-BS', { committeeName: '北山派出所人民调解委员会', sealText: '北山派出所人民调解委员会', numberPrefix: '北 字', lang: 'zh-CN' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('id="XH-BS-numberPrefix-error"');
    expect((await post(admin, '/admin/agreements/XH-LY-BLQ', { committeeName: '白乐桥村人民调解委员会', sealText: '白乐桥村人民调解委员会', numberPrefix: '白人调' })).status).toBe(404);
    // Only an admin keeps the templates.
    expect((await pageOf(supervisorLy, '/admin/agreements')).status).toBe(403);
  });
});
