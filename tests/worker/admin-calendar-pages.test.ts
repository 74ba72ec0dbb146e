import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocal } from '../../domain/clocks/local-time';
import type { SlaPolicy } from '../../schemas/policy';
import { valuesOf } from '../../workers/admin/policy-form';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The admin's page for the working calendar, over plain HTTP as a browser without JavaScript sends it, on the edge
 * in workerd with a local D1 and Temporal away. Each county day added or removed is a new version of the policy.
 */
let stack: Stack;
let admin: string;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
  admin = await sessionCookieOf(stack, 'demo-admin');
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
const policyNow = async () => (await (await apiAs(stack, tokenOf(stack, 'demo-admin'))('/api/policy')).json()) as SlaPolicy;
const addDay = (day: { date: string; kind: string; name: string }, version: number) => post('/admin/calendar/days', { lang: 'zh-CN', version: String(version), ...day });
/** The field error shown beside a field of the add form. */
const besideField = (html: string, field: string) => new RegExp(`id="f-${field}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</p>`).exec(html)?.[1];

describe('the working calendar page', () => {
  it('shows the official calendar in force, 2026’s Spring Festival with its make-up days, and that 2027 has no notice yet', async () => {
    expect(await (await page('/admin')).text()).toContain('href="/admin/calendar"');
    const html = await (await page('/admin/calendar?year=2026')).text();
    expect(html).toContain('取自 chinese-days 1.5.7，收录 2004 年至 2026 年国务院办公厅的放假通知');
    expect(html).toContain('暂按周一至周五上班');
    expect(html).toContain('春节：2月15日至23日放假，2月14日、2月28日上班');
    expect(html).toContain('国庆节：10月1日至7日放假，9月20日、10月10日上班');
    expect(html).toContain('2027 年的放假通知还没有收入日历');
    expect(html).toContain('本县还没有自定的放假日或工作日');
    expect(html).toMatch(/<a[^>]*href="\/admin\/calendar"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/admin\/calendar"/);

    const thisYear = formatLocal(new Date().toISOString(), '+08:00').slice(0, 4);
    expect(await (await page('/admin/calendar')).text()).toContain(`${thisYear} 年的放假安排`);
    expect(await (await page('/admin/calendar?year=2026&lang=en')).text()).toContain('Spring Festival: off 15');
  });

  it('adds a county holiday as the next policy version, which the API answers and the page lists', async () => {
    const added = await addDay({ date: '2026-03-10', kind: 'holiday', name: '三月三' }, 2);
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toMatch(/^\/admin\/calendar\?published=2&cases=\d+&added=2026-03-10$/);
    const policy = await policyNow();
    expect(policy.version).toBe(2);
    expect(policy.calendar.countyDays).toEqual([{ date: '2026-03-10', kind: 'holiday', name: '三月三' }]);

    const html = await (await page(added.headers.get('location')!)).text();
    expect(html).toMatch(/已添加2026年3月10日，发布了第 2 版时限规则。办理中的 \d+ 件案件将按新日历重新计算期限/);
    const row = /<tr data-county-day="2026-03-10">[\s\S]*?<\/tr>/.exec(html)?.[0];
    expect(row).toContain('2026年3月10日（周二）');
    expect(row).toContain('本县放假日');
    expect(row).toContain('三月三');
    expect(row).toContain('action="/admin/calendar/days/2026-03-10/remove"');
    expect(html).toContain('添加后即发布第 3 版时限规则');
  });

  it('refuses each bad day beside its field, in Chinese, keeps what was typed, and publishes nothing', async () => {
    const refusals: [{ date: string; kind: string; name: string }, string, string][] = [
      [{ date: '2026-02-30', kind: 'holiday', name: '补休' }, 'date', '日期要写成 2026-03-10 这样的格式'],
      [{ date: '3月12日', kind: 'holiday', name: '补休' }, 'date', '日期要写成 2026-03-10 这样的格式'],
      [{ date: '2026-03-10', kind: 'workday', name: '补休' }, 'date', '2026年3月10日已是本县自定的日子（三月三），要改请先删除它'],
      [{ date: '2026-02-16', kind: 'holiday', name: '补休' }, 'kind', '2026年2月16日本来就休息（法定节假日春节），不用再设为本县放假日'],
      [{ date: '2026-03-14', kind: 'holiday', name: '补休' }, 'kind', '2026年3月14日本来就休息（周末），不用再设为本县放假日'],
      [{ date: '2026-02-14', kind: 'workday', name: '补休' }, 'kind', '2026年2月14日本来就上班（春节调休上班日），不用再设为本县工作日'],
      [{ date: '2026-03-11', kind: 'workday', name: '补休' }, 'kind', '2026年3月11日本来就上班（工作日），不用再设为本县工作日'],
      [{ date: '2026-03-12', kind: 'holiday', name: '  ' }, 'name', '请填写名称'],
    ];
    for (const [day, field, message] of refusals) {
      const refused = await addDay(day, 3);
      expect(refused.status, day.date).toBe(422);
      const html = await refused.text();
      expect(html).toContain('data-testid="error-summary"');
      expect(besideField(html, field), day.date).toBe(message);
      expect(html).toContain(`value="${day.date}"`);
      expect(html).toMatch(new RegExp(`<option value="${day.kind}" selected`));
      if (day.name.trim()) expect(html).toContain(`value="${day.name}"`);
    }
    expect((await policyNow()).version).toBe(2);
  });

  it('keeps the county’s days when the policy form publishes a new version or previews one', async () => {
    const form = { lang: 'zh-CN', ...valuesOf(await policyNow()), version: '3', accept: 'PT3H' };
    expect((await post('/admin/policy/preview', form)).status).toBe(200);
    const published = await post('/admin/policy', form);
    expect(published.status).toBe(303);
    const policy = await policyNow();
    expect(policy).toMatchObject({ version: 3, accept: 'PT3H' });
    expect(policy.calendar.countyDays).toEqual([{ date: '2026-03-10', kind: 'holiday', name: '三月三' }]);
  });

  it('says in words that another version was published while the page was open, and keeps what was typed', async () => {
    const stale = await addDay({ date: '2026-03-21', kind: 'workday', name: '防汛值守' }, 3);
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('已有人发布了第 3 版时限规则');
    expect(html).toContain('value="防汛值守"');
    expect((await post('/admin/calendar/days/2026-03-10/remove', { lang: 'zh-CN', version: '3' })).status).toBe(409);
    expect((await policyNow()).version).toBe(3);
  });

  it('removes a county day as the next version', async () => {
    const removed = await post('/admin/calendar/days/2026-03-10/remove', { lang: 'zh-CN', version: '4' });
    expect(removed.status).toBe(303);
    expect(removed.headers.get('location')).toMatch(/^\/admin\/calendar\?published=4&cases=\d+&removed=2026-03-10$/);
    const policy = await policyNow();
    expect(policy.version).toBe(4);
    expect(policy.calendar.countyDays).toEqual([]);
    const html = await (await page(removed.headers.get('location')!)).text();
    expect(html).toContain('已删除2026年3月10日，发布了第 4 版时限规则');
    expect(html).toContain('本县还没有自定的放假日或工作日');
    expect((await post('/admin/calendar/days/2026-03-10/remove', { lang: 'zh-CN', version: '5' })).status).toBe(404);
    expect((await policyNow()).version).toBe(4);
  });

  it('is in the API document', async () => {
    const document = (await (await apiAs(stack, tokenOf(stack, 'demo-admin'))('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(document.paths['/admin/calendar']?.get).toBeDefined();
    expect(document.paths['/admin/calendar/days']?.post).toBeDefined();
    expect(document.paths['/admin/calendar/days/{date}/remove']?.post).toBeDefined();
  });

  it('answers anyone but an admin with a friendly 403 page, and changes nothing for them', async () => {
    for (const id of ['demo-supervisor-ly', 'demo-grid-ly']) {
      const cookie = await sessionCookieOf(stack, id);
      const shown = await page('/admin/calendar', cookie);
      expect(shown.status, id).toBe(403);
      expect(await shown.text()).toContain('这个页面供管理员使用');
      expect((await post('/admin/calendar/days', { lang: 'zh-CN', version: '5', date: '2026-03-12', kind: 'holiday', name: '补休' }, cookie)).status).toBe(403);
      expect((await post('/admin/calendar/days/2026-03-10/remove', { lang: 'zh-CN', version: '5' }, cookie)).status).toBe(403);
    }
    expect((await policyNow()).version).toBe(4);
  });
});
