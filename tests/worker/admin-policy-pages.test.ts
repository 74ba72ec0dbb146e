import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import { formatLocal } from '../../domain/clocks/local-time';
import { addDays, officialCalendar, readDay } from '../../domain/calendar/working-days';
import { refusalsBeforeDeadLetter } from '../../workers/sync/outbox-delivery';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The admin's pages for the SLA policy and the dead letters, over plain HTTP as a browser without JavaScript sends
 * them, on the edge in workerd with a local D1 and Temporal away. Refused deliveries back off by 0 ms, so a row no
 * Temporal could take is a dead letter after a few drains.
 */
let stack: Stack;
let admin: string;
let caseId: string;

beforeAll(async () => {
  let gridWorker;
  ({ stack, gridWorker } = await edgeOnlyStack(undefined, { outboxBackoffMs: 0 }));
  admin = await sessionCookieOf(stack, 'demo-admin');
  const filed = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(freshIntake('grid')) });
  expect(filed.status).toBe(201);
  caseId = ((await filed.json()) as { id: string }).id;
});
afterAll(async () => stack?.stop());

const page = (path: string, cookie = admin) => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': 'zh-CN' } });
const post = (path: string, fields: Record<string, string>, cookie = admin) =>
  fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
    body: new URLSearchParams(fields),
  });
const policyNow = async () => (await (await apiAs(stack, tokenOf(stack, 'demo-admin'))('/api/policy')).json()) as typeof defaultSlaPolicy;

/** The policy form as the page fills it in from the default policy, with `changes` typed over it. */
function policyForm(changes: Record<string, string> = {}, version = 2): Record<string, string> {
  const p = defaultSlaPolicy;
  const rule = p.firstContact.rule === 'sameDay' ? p.firstContact : undefined;
  return {
    lang: 'zh-CN',
    version: String(version),
    utcOffset: p.utcOffset,
    warnAtShare: String(p.warnAtShare),
    'firstContact.rule': p.firstContact.rule,
    'firstContact.lateIntakeAfter': rule?.lateIntakeAfter ?? '',
    'firstContact.lateIntakeWithin': rule?.lateIntakeWithin ?? '',
    'firstContact.duration': '',
    dispatchWithin: p.dispatchWithin,
    accept: p.accept,
    followUpEvery: p.followUpEvery,
    acknowledgeEscalationWithin: p.acknowledgeEscalationWithin,
    'resolveWithin.grassroots': p.resolveWithin.grassroots,
    'resolveWithin.judicial': p.resolveWithin.judicial,
    'resolveWithin.joint': p.resolveWithin.joint,
    departmentReportWithin: p.departmentReportWithin,
    ...Object.fromEntries(Array.from({ length: 6 }, (_, index) => [`returnVisitsAfter.${index}`, p.returnVisitsAfter[index] ?? ''])),
    returnVisitWindow: p.returnVisitWindow,
    unsatisfiedVisit: p.unsatisfiedVisit,
    instructionFeedbackWithin: p.instructionFeedbackWithin,
    ...changes,
  };
}

/** A table row of the preview, by its clock, within one filing's section. */
const previewRow = (html: string, filing: 'now' | 'late', clock: string) => {
  const section = new RegExp(`data-testid="preview-${filing}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  return new RegExp(`<tr data-clock="${clock}"[\\s\\S]*?</tr>`).exec(section)?.[0];
};

// First, while no policy is published: a publication queues one message per running case, each of which finds Temporal away.
describe('the dead letters page', () => {
  it('shows a dead letter with its case and its reason in words, and sends it again', async () => {
    const empty = await (await page('/admin/dead-letters')).text();
    expect(empty).toContain('没有投递失败的消息');

    const badRowId = 3_000_000 + Math.floor(Math.random() * 1_000_000);
    await stack.executeSql('bad-outbox-row', [
      `INSERT INTO outbox (id, case_id, kind, payload, attempts, created_at) VALUES (${badRowId}, '${caseId}', 'policy_changed', '{"version":"no policy"}', 0, '2026-01-01T00:00:00.000Z');`,
    ]);
    let html = '';
    for (let run = 0; run < 4 * refusalsBeforeDeadLetter && !html.includes(`data-dead-letter="${badRowId}"`); run++) {
      await stack.drainOutbox();
      html = await (await page('/admin/dead-letters')).text();
    }
    const row = new RegExp(`<tr data-dead-letter="${badRowId}"[\\s\\S]*?</tr>`).exec(html)?.[0];
    expect(row).toBeDefined();
    expect(row).toContain('通知案件新的时限规则');
    expect(row).toContain('它的期限仍按旧规则计算');
    expect(row).toMatch(/href="\/cases\/[^"]+">案件 XH-LY-\d{8}-\d{4}</);
    expect(row).toContain(`${refusalsBeforeDeadLetter} 次`);
    expect(row).toContain('最后一次的错误');
    expect(row).toContain('2026-01-01 08:00');

    const sent = await post(`/admin/dead-letters/${badRowId}/retry`, { lang: 'zh-CN' });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/admin/dead-letters?sent=${badRowId}&outcome=refused`);
    const after = await (await page(sent.headers.get('location')!)).text();
    expect(after).toContain(`已重新发送第 ${badRowId} 号消息，但流程引擎再次拒绝`);
    expect(after).not.toContain(`data-dead-letter="${badRowId}"`);
    expect((await post(`/admin/dead-letters/${badRowId}/retry`, { lang: 'zh-CN' })).status).toBe(404);
  });
});

describe('the SLA policy page', () => {
  it('shows the policy in force as a form, and is linked from the admin’s home', async () => {
    expect(await (await page('/admin')).text()).toContain('href="/admin/policy"');
    const html = await (await page('/admin/policy')).text();
    expect(html).toContain('现行规则是部署时配置的第 1 版');
    expect(html).toMatch(/id="f-accept"[^>]*value="PT2H"|value="PT2H"[^>]*id="f-accept"/);
    expect(html).toContain('即 15 天');
    expect(await (await page('/admin/policy?lang=en')).text()).toContain('Deadline policy');
  });

  it('refuses a bad duration beside its field, in Chinese, and keeps what was typed', async () => {
    const refused = await post('/admin/policy', policyForm({ accept: '两小时', 'resolveWithin.joint': 'P0D', warnAtShare: '1.5' }));
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('data-testid="error-summary"');
    expect(html).toMatch(/id="f-accept-error"><span class="visually-hidden">[^<]*<\/span>接单时限要写成 ISO-8601 时长/);
    expect(html).toContain('部门联动化解必须长于零');
    expect(html).toContain('提醒时点要填 0.05 到 0.99 之间的小数');
    expect(html).toContain('value="两小时"');
    expect(html).toContain('value="P0D"');
    expect(html).toContain('value="1.5"');
    expect((await policyNow()).version).toBe(1);
  });

  it('previews the deadlines of a case filed now and one filed at 22:00 beside those in force, and saves nothing', async () => {
    const previewed = await post('/admin/policy/preview', policyForm({ accept: 'PT3H', 'firstContact.lateIntakeWithin': 'PT8H' }));
    expect(previewed.status).toBe(200);
    const html = await previewed.text();
    const today = formatLocal(new Date().toISOString(), '+08:00').slice(0, 10);
    expect(html).toContain(`今天 22:00（${today} 22:00）登记的案件`);
    // Filed at 22:00, after 18:00: first contact within 12 hours in force, 8 hours as edited.
    const late = previewRow(html, 'late', 'firstContact')!;
    const next = (hours: number) => formatLocal(new Date(Date.parse(`${today}T22:00:00+08:00`) + hours * 3_600_000).toISOString(), '+08:00');
    expect(late).toContain(`${next(12)} 前`);
    expect(late).toContain(`${next(8)} 前`);
    expect(late).toContain('有变化');
    expect(previewRow(html, 'late', 'accept')).toContain(`${next(3)} 前`);
    expect(previewRow(html, 'late', 'resolve.judicial')).toContain('无变化');
    expect(previewRow(html, 'now', 'accept')).toContain('有变化');
    expect(previewRow(html, 'now', 'returnVisit.2')).toBeDefined();
    // The form comes back as typed, and nothing was published.
    expect(html).toContain('value="PT3H"');
    expect((await policyNow()).version).toBe(1);
    expect(await (await page('/admin/policy')).text()).toContain('还没有发布过新版本');
  });

  it('previews a resolution counted in working days, ending at 24:00 of the last one, and words a span it cannot read', async () => {
    const previewed = await post('/admin/policy/preview', policyForm({ 'resolveWithin.grassroots': 'P3WD' }));
    expect(previewed.status).toBe(200);
    const html = await previewed.text();
    expect(html).toContain('3 个工作日');
    const today = formatLocal(new Date().toISOString(), '+08:00').slice(0, 10);
    let last = today;
    for (let counted = 0; counted < 3; ) {
      last = addDays(last, 1);
      if (readDay(officialCalendar, last).working) counted += 1;
    }
    expect(previewRow(html, 'late', 'resolve.grassroots')).toContain(`${last} 24:00 前`);

    const refused = await post('/admin/policy', policyForm({ 'resolveWithin.grassroots': '3个工作日' }));
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('或写成工作日如 P3WD、月数如 P1M');
  });

  it('publishes the form as a new version that the API answers, listed with who published it', async () => {
    const published = await post('/admin/policy', policyForm({ accept: 'PT3H', 'returnVisitsAfter.1': '', 'returnVisitsAfter.2': 'P60D' }));
    expect(published.status).toBe(303);
    expect(published.headers.get('location')).toMatch(/^\/admin\/policy\?published=2&cases=\d+$/);
    const now = await policyNow();
    expect(now).toMatchObject({ version: 2, accept: 'PT3H', returnVisitsAfter: ['P7D', 'P60D'] });

    const html = await (await page(published.headers.get('location')!)).text();
    expect(html).toContain('已发布第 2 版时限规则');
    expect(html).toMatch(/现行规则是 .+ 于 \d{4}-\d\d-\d\d \d\d:\d\d 发布的第 2 版/);
    expect(html).toContain('name="version" value="3"');
    expect(html).toMatch(/<tr data-version="2">[\s\S]*?现行/);
    const version = await (await page('/admin/policy/versions/2')).text();
    expect(version).toContain('时限规则第 2 版');
    expect(version).toContain('3 小时（PT3H）');
    expect((await page('/admin/policy/versions/9')).status).toBe(404);

    // A form opened before version 2 was published is refused, not published over it, and keeps what was typed.
    const stale = await post('/admin/policy', policyForm({ accept: 'PT4H' }, 2));
    expect(stale.status).toBe(409);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain('已有人发布了第 2 版');
    expect(staleHtml).toContain('value="PT4H"');
    expect((await policyNow()).accept).toBe('PT3H');

    // The API publishes through the same service: refused as stale below the page's version, taken above it.
    const api = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const body = (version: number) => JSON.stringify({ ...defaultSlaPolicy, version, accept: 'PT5H' });
    expect((await api('/api/policy', { method: 'POST', body: body(2) })).status).toBe(409);
    expect((await api('/api/policy', { method: 'POST', body: body(3) })).status).toBe(201);
    expect(await (await page('/admin/policy')).text()).toMatch(/<tr data-version="2">/);
  });
});

describe('the policy and dead letter pages', () => {
  it('answer anyone but an admin with a friendly 403 page, and do nothing for them', async () => {
    for (const id of ['demo-supervisor-ly', 'demo-grid-ly']) {
      const cookie = await sessionCookieOf(stack, id);
      for (const path of ['/admin/policy', '/admin/policy/versions/2', '/admin/dead-letters']) {
        const response = await page(path, cookie);
        expect(response.status, `${id} ${path}`).toBe(403);
        expect(await response.text()).toContain('这个页面供管理员使用');
      }
      expect((await post('/admin/policy', policyForm({}, 10), cookie)).status).toBe(403);
      expect((await post('/admin/policy/preview', policyForm(), cookie)).status).toBe(403);
      expect((await post('/admin/dead-letters/1/retry', { lang: 'zh-CN' }, cookie)).status).toBe(403);
    }
    expect((await policyNow()).version).toBe(3);
  });
});
