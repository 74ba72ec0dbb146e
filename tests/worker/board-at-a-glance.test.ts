import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { fileCase, newMarker, project } from '../support/case-lists';
import { apiAs, edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The board read at a glance, over plain HTTP as a browser without JavaScript sends it: the filters folded behind one
 * line with the ones in use as chips, and on the county's board each case's station with totals by station. Temporal
 * is unreachable; what the board shows comes from D1 alone, each case's state as its workflow would report it.
 */
let stack: Stack;
const marker = newMarker();
let filed: { id: string; caseNumber: string }[] = [];

beforeAll(async () => {
  let gridWorker: ReturnType<typeof apiAs>;
  ({ stack, gridWorker } = await edgeOnlyStack());
  const otherStation = apiAs(stack, tokenOf(stack, 'demo-grid-bs'));
  for (let n = 0; n < 3; n++) filed.push(await fileCase(gridWorker, marker));
  for (let n = 0; n < 2; n++) filed.push(await fileCase(otherStation, marker, (intake) => (intake.where.gridCellCode = 'XH-BS-SG-01')));
  // One late case in each station, so the overdue totals count across stations too.
  for (const late of [filed[0]!, filed[3]!]) await project(stack, late.id, 1, { overdue: true });
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

type BoardRow = { caseNumber: string; station: string; overdue: boolean };
const rowsOf = (html: string): BoardRow[] =>
  [...html.matchAll(/<tr class="case-row[^"]*" data-case-number="([^"]+)" data-overdue="([01])">(.*?)<\/tr>/g)].map((match) => ({
    caseNumber: match[1]!,
    overdue: match[2] === '1',
    station: /data-station="([^"]+)"/.exec(match[3]!)?.[1] ?? '',
  }));
const totalsOf = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<tr data-station="([^"]+)">.*?data-total="cases">(\d+)<.*?data-total="overdue">(\d+)</g)].map((match) => [match[1]!, { cases: Number(match[2]), overdue: Number(match[3]) }]),
  );

describe('the county board', () => {
  it('names each case’s station, and its totals by station equal the sum of its rows over every page', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-xh');
    const first = `/board?q=${marker}&limit=2`;
    const rows: BoardRow[] = [];
    let totals: ReturnType<typeof totalsOf> | undefined;
    for (let path: string | undefined = first; path; ) {
      const { status, html } = await page(cookie, path);
      expect(status).toBe(200);
      rows.push(...rowsOf(html));
      // Every page shows the totals of the whole list, not of itself.
      totals ??= totalsOf(html);
      expect(totalsOf(html)).toEqual(totals);
      path = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    }
    expect(rows).toHaveLength(5);
    const summed: Record<string, { cases: number; overdue: number }> = {};
    for (const row of rows) {
      summed[row.station] ??= { cases: 0, overdue: 0 };
      summed[row.station]!.cases += 1;
      summed[row.station]!.overdue += row.overdue ? 1 : 0;
    }
    expect(totals).toEqual(summed);
    expect(summed).toEqual({ 'XH-LY': { cases: 3, overdue: 1 }, 'XH-BS': { cases: 2, overdue: 1 } });
    const { html } = await page(cookie, first);
    expect(html).toContain('灵隐派出所');
    expect(html).toMatch(/<tfoot><tr><th scope="row">合计<\/th><td data-total="cases">5<\/td><td data-total="overdue">2<\/td>/);
  });

  it('is a station’s own board without the station column or totals for a station’s supervisor', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
    const { html } = await page(cookie, `/board?q=${marker}`);
    expect(rowsOf(html)).toHaveLength(3);
    expect(html).not.toContain('data-testid="station-totals"');
    expect(html).not.toContain('data-station=');
  });
});

describe('the board’s bulk dispatch', () => {
  const dispatch = (cookie: string, fields: [string, string][]) =>
    fetch(`${stack.edgeUrl}/board/dispatch`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: stack.edgeUrl, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'zh-CN' },
      body: new URLSearchParams(fields),
    });

  it('offers a checkbox on each row for one form that picks the mediator once and says its limit', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-xh');
    const { html } = await page(cookie, `/board?q=${marker}`);
    expect(html).toContain('<form id="bulk-dispatch" method="post" action="/board/dispatch"');
    expect(html.match(/name="caseId" value="[^"]+" form="bulk-dispatch"/g)).toHaveLength(5);
    expect(html).toContain('一次最多 20 件');
    expect(html).toContain(`<span class="visually-hidden">选择 ${filed[0]!.caseNumber}</span>`);
  });

  it('answers each ticked case on its own: another station’s case is refused with its reason, the rest are tried', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-xh');
    const ticked = [filed[1]!, filed[2]!, filed[4]!];
    const response = await dispatch(cookie, [...ticked.map((item): [string, string] => ['caseId', item.id]), ['mediatorId', 'demo-mediator-ly'], ['key', 'bulk-test-0001'], ['back', `?q=${marker}`]]);
    expect(response.status).toBe(200);
    const html = await response.text();
    const results = [...html.matchAll(/<li data-case-id="([^"]+)" data-result="(\w+)">(.*?)<\/li>/g)].map((match) => ({ id: match[1], result: match[2], text: match[3]! }));
    expect(results.map((item) => item.id)).toEqual(ticked.map((item) => item.id));
    expect(results.every((item) => item.result === 'refused')).toBe(true);
    // The mediator serves Lingyin, not Beishan: that case is refused by the edge, before any workflow is asked.
    expect(results[2]!.text).toContain('这位调解员不负责这件案件所在的辖区');
    expect(results[2]!.text).toContain(filed[4]!.caseNumber);
    // Temporal is unreachable here: the others are not dispatched and say so, rather than failing the whole form.
    for (const item of results.slice(0, 2)) expect(item.text).toContain('流程服务暂时无法连接');
    expect(html).toContain('派出 0 件，未派出 3 件。');
    expect(html).toContain(`href="/board?q=${marker}"`);
  });

  it('refuses a form with nothing ticked, with more than the limit, or without a mediator, saying which', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-supervisor-xh');
    const none = await dispatch(cookie, [['mediatorId', 'demo-mediator-ly'], ['key', 'bulk-test-0002']]);
    expect(none.status).toBe(422);
    expect(await none.text()).toContain('请至少勾选一件案件');
    const many = await dispatch(cookie, [...Array.from({ length: 21 }, (_, n): [string, string] => ['caseId', `case-${n}`]), ['mediatorId', 'demo-mediator-ly'], ['key', 'bulk-test-0003']]);
    expect(many.status).toBe(422);
    expect(await many.text()).toContain('一次最多派 20 件，这次勾选了 21 件');
    const nobody = await dispatch(cookie, [['caseId', filed[0]!.id], ['mediatorId', ''], ['key', 'bulk-test-0004']]);
    expect(nobody.status).toBe(422);
    expect(await nobody.text()).toContain('请选择一位调解员');
  });

  it('is in the API document, as a page form', async () => {
    const document = (await (await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(document.paths['/board/dispatch']?.post).toBeDefined();
  });

  it('is refused to a mediator', async () => {
    const cookie = await sessionCookieOf(stack, 'demo-mediator-ly');
    const response = await dispatch(cookie, [['caseId', filed[0]!.id], ['mediatorId', 'demo-mediator-ly'], ['key', 'bulk-test-0005']]);
    expect(response.status).toBe(403);
  });
});
