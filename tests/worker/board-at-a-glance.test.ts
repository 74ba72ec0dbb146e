import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { edgeOnlyStack, sessionCookieOf } from '../support/stack';

/**
 * The board read at a glance, over plain HTTP as a browser without JavaScript sends it: the filters folded behind one
 * line with the ones in use as chips. Temporal is unreachable; what the board shows comes from D1 alone.
 */
let stack: Stack;

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

const page = async (cookie: string, path: string) => {
  const response = await fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': 'zh-CN' } });
  return { status: response.status, html: await response.text() };
};
const hrefsOf = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1]!.replaceAll('&amp;', '&'));

describe('the board’s filters', () => {
  it('fold behind one line saying how many are in use, each in use shown as a chip that removes it alone', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
    const { status, html } = await page(cookie, '/board?status=all&channel=grid&overdue=1&sort=newest');
    expect(status).toBe(200);
    expect(html).toMatch(/<details data-testid="filters"><summary>更多筛选条件（已选 3 项）<\/summary>/);
    const chips = hrefsOf(html, /<a class="chip" href="([^"]+)" data-filter="/g);
    expect(chips).toEqual(['/board?channel=grid&overdue=1&sort=newest', '/board?status=all&overdue=1&sort=newest', '/board?status=all&channel=grid&sort=newest']);
    expect(html).toContain('状态：全部状态');
    expect(html).toContain('排查渠道：村居干部、网格员排查');
    expect(html).toContain('只看已超期的案件');

    const fewer = await page(cookie, chips[1]!);
    expect(fewer.html).toContain('更多筛选条件（已选 2 项）');
    expect(hrefsOf(fewer.html, /<a class="chip" href="([^"]+)" data-filter="/g)).toEqual(['/board?overdue=1&sort=newest', '/board?status=all&sort=newest']);
  });

  it('show no chip and a plain line when none is in use, and stay open on a wrong one', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
    const plain = await page(cookie, '/board');
    expect(plain.html).toContain('<summary>更多筛选条件</summary>');
    expect(plain.html).not.toContain('data-testid="filter-chips"');
    const wrong = await page(cookie, '/board?filedFrom=2026-13-01');
    expect(wrong.status).toBe(422);
    expect(wrong.html).toMatch(/<details open="" data-testid="filters">|<details open data-testid="filters">/);
  });
});
