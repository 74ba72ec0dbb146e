import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * The admin's pages for the places they keep, over plain HTTP as a browser without JavaScript sends them, on the edge
 * in workerd with a local D1. The demo county XH: stations XH-LY and XH-BS; below XH-LY the communities XH-LY-BLQ
 * (grid cells -01, -02; the grid worker demo-grid-ly) and XH-LY-LYS (grid cell -01).
 */
let stack: Stack;
let admin: string;
let gridWorker: ReturnType<typeof apiAs>;
let supervisor: ReturnType<typeof apiAs>;

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  admin = await sessionCookieOf(stack, 'demo-admin');
  supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
});
afterAll(async () => stack?.stop());

const page = (path: string, lang = 'zh-CN') => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie: admin, 'accept-language': lang } });
const post = (path: string, body: URLSearchParams | FormData) =>
  fetch(`${stack.edgeUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: admin, origin: stack.edgeUrl, 'accept-language': 'zh-CN' }, body });
const form = (fields: Record<string, string>) => new URLSearchParams({ lang: 'zh-CN', ...fields });
/** A place's entry in the tree, up to the list of what is below it. */
const entryOf = (html: string, code: string) => new RegExp(`<li data-place="${code}"[^>]*>[\\s\\S]*?(?=<ul>|</li>)`).exec(html)?.[0] ?? '';

async function fileIn(gridCellCode: string) {
  const intake = freshIntake('grid');
  intake.where.gridCellCode = gridCellCode;
  return gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(intake) });
}

describe('the admin’s place pages', () => {
  it('show the tree with each place’s code, level, people and open cases, in Chinese and in English', async () => {
    const filed = await fileIn('XH-LY-BLQ-02');
    expect(filed.status).toBe(201);
    const response = await page('/admin/places');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(entryOf(html, 'XH-LY')).toContain('灵隐派出所');
    expect(entryOf(html, 'XH-LY')).toContain('派出所');
    expect(entryOf(html, 'XH-LY-BLQ-02')).toMatch(/网格[\s\S]*未办结案件 1/);
    expect(entryOf(html, 'XH-LY-BLQ')).toMatch(/人员 1 · 未办结案件 1/);
    expect(html).toContain('href="/admin/places"');
    const en = await (await page('/admin/places?lang=en', 'en')).text();
    expect(entryOf(en, 'XH-LY-BLQ')).toContain('community');
    const home = await (await page('/admin')).text();
    expect(home).toContain('href="/admin/places"');
  });

  it('add a place below one, its level following the parent’s, and refuse a taken code and anything below a grid cell', async () => {
    const added = await post('/admin/places/XH-LY/children', form({ code: 'XH-LY-XC', name: '新村' }));
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/admin/places/XH-LY-XC?done=added');
    const placeHtml = await (await page(added.headers.get('location')!)).text();
    expect(placeHtml).toMatch(/层级<\/dt><dd>社区/);
    expect(placeHtml).toContain('已增设');

    const taken = await post('/admin/places/XH-LY/children', form({ code: 'XH-LY-BLQ', name: '重复' }));
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('编码已被使用');
    const belowGrid = await post('/admin/places/XH-LY-BLQ-01/children', form({ code: 'XH-LY-BLQ-01-A', name: '更小' }));
    expect(belowGrid.status).toBe(422);
    expect(await belowGrid.text()).toContain('网格是最小的辖区');
    expect((await page('/admin/places/XH-LY-BLQ-01/new')).status).toBe(404);
  });

  it('rename a place, and say so', async () => {
    const renamed = await post('/admin/places/XH-LY-XC/rename', form({ name: '新村社区' }));
    expect(renamed.status).toBe(303);
    expect(await (await page('/admin/places/XH-LY-XC?done=renamed')).text()).toMatch(/<h1>新村社区<\/h1>[\s\S]*名称已保存/);
    const empty = await post('/admin/places/XH-LY-XC/rename', form({ name: ' ' }));
    expect(empty.status).toBe(422);
  });

  it('move a grid cell to another community with its case, and refuse a parent of the wrong level, a grid cell or one outside', async () => {
    const filed = (await (await fileIn('XH-LY-BLQ-02')).json()) as { id: string };
    expect((await gridWorker(`/api/cases/${filed.id}`)).status).toBe(200);

    const wrongLevel = await post('/admin/places/XH-LY-BLQ-02/move', form({ parentCode: 'XH-BS' }));
    expect(wrongLevel.status).toBe(422);
    expect(await wrongLevel.text()).toContain('层级不对');
    const underGrid = await post('/admin/places/XH-LY-BLQ/move', form({ parentCode: 'XH-LY-LYS-01' }));
    expect(underGrid.status).toBe(422);
    expect(await underGrid.text()).toContain('网格是最小的辖区');
    const outside = await post('/admin/places/XH-LY-BLQ-02/move', form({ parentCode: 'YH-NOPE' }));
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('不存在或不在您的辖区内');
    const own = await post('/admin/places/XH/move', form({ parentCode: 'XH-LY' }));
    expect(own.status).toBe(409);
    expect(await own.text()).toContain('这是您本人所在的辖区');

    const moved = await post('/admin/places/XH-LY-BLQ-02/move', form({ parentCode: 'XH-LY-LYS' }));
    expect(moved.status).toBe(303);
    const placeHtml = await (await page('/admin/places/XH-LY-BLQ-02?done=moved')).text();
    expect(placeHtml).toContain('灵隐社区');
    expect(placeHtml).toMatch(/未办结案件<\/dt><dd>2/);
    // Reads follow paths: the case went with its cell, out of the grid worker's community, still in the station.
    expect((await gridWorker(`/api/cases/${filed.id}`)).status).toBe(404);
    expect((await supervisor(`/api/cases/${filed.id}`)).status).toBe(200);

    const community = await post('/admin/places/XH-LY-XC/move', form({ parentCode: 'XH-BS' }));
    expect(community.status).toBe(303);
    const tree = await (await page('/admin/places')).text();
    expect(tree.indexOf('data-place="XH-LY-XC"')).toBeGreaterThan(tree.indexOf('data-place="XH-BS"'));
  });

  it('retire a grid cell: no new filings there, its old case still reads; a place with people or places still in use says why it cannot go', async () => {
    const old = (await (await fileIn('XH-LY-BLQ-01')).json()) as { id: string };
    const busy = await post('/admin/places/XH-LY-BLQ/retire', form({}));
    expect(busy.status).toBe(409);
    expect(await busy.text()).toContain('其下还有未撤销的下级辖区');

    const retired = await post('/admin/places/XH-LY-BLQ-01/retire', form({}));
    expect(retired.status).toBe(303);
    expect(await (await page('/admin/places')).text()).toMatch(/data-place="XH-LY-BLQ-01"[\s\S]*?已撤销/);

    const refused = await fileIn('XH-LY-BLQ-01');
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('该网格已撤销');
    const read = await gridWorker(`/api/cases/${old.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(await read.json())).toContain('"gridCellCode":"XH-LY-BLQ-01"');
    const intakePage = await fetch(`${stack.edgeUrl}/intake`, { headers: { cookie: await sessionCookieOf(stack, 'demo-grid-ly') } });
    expect(await intakePage.text()).not.toContain('value="XH-LY-BLQ-01"');

    const person = { lang: 'zh-CN', id: 'places-mediator', name: '孙调解员', role: 'mediator', department: '' };
    expect((await post('/admin/users', new URLSearchParams({ ...person, jurisdictionCode: 'XH-LY-BLQ-01' }))).status).toBe(422);
    expect((await post('/admin/users', new URLSearchParams({ ...person, jurisdictionCode: 'XH-LY-XC' }))).status).toBe(201);
    const staffed = await post('/admin/places/XH-LY-XC/retire', form({}));
    expect(staffed.status).toBe(409);
    expect(await staffed.text()).toContain('还有在用的人员属于该辖区');
  });

  it('import grid cells from a GBK CSV: every row previewed with its reason, nothing written until confirmed, then the good rows written', async () => {
    const csv = [
      '网格编码,网格名称,上级编码',
      'XH-LY-BLQ-05,白乐桥村第五网格,XH-LY-BLQ',
      'XH-LY-BLQ-06,,XH-LY-BLQ',
      'XH-LY-BLQ-05,白乐桥村重复网格,XH-LY-BLQ',
      'XH-LY-BLQ-02,白乐桥村第二网格,XH-LY-BLQ',
      'XH-LY-ZZ-01,无名网格,XH-LY-ZZ',
      'XH-LY-07,灵隐网格,XH-LY',
      '网格#8,灵隐网格,XH-LY-LYS',
      '"XH-LY-LYS-02","灵隐社区第二网格, 东",XH-LY-LYS',
    ].join('\r\n');
    const upload = new FormData();
    upload.set('lang', 'zh-CN');
    upload.set('file', new File([new Uint8Array(iconv.encode(csv, 'gbk'))], '网格.csv', { type: 'text/csv' }));
    const preview = await post('/admin/places/import', upload);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    const rowAt = (line: number) => new RegExp(`<tr data-line="${line}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
    expect(html).toContain('共 8 行：2 行将导入，6 行不能导入');
    expect(rowAt(2)).toContain('将导入');
    expect(rowAt(2)).toContain('白乐桥村第五网格');
    expect(rowAt(3)).toContain('网格名称为空');
    expect(rowAt(4)).toContain('在文件中重复');
    expect(rowAt(5)).toContain('网格编码已被使用');
    expect(rowAt(6)).toContain('所属社区不存在');
    expect(rowAt(7)).toContain('上级不是社区');
    expect(rowAt(8)).toContain('格式不对');
    expect(rowAt(9)).toContain('灵隐社区第二网格, 东');
    expect(await (await page('/admin/places')).text()).not.toContain('XH-LY-BLQ-05');

    const carried = /name="rows" value="([^"]*)"/.exec(html)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&');
    // What comes back from the browser is checked again: a row slipped in below a station is not written.
    const rows = [...JSON.parse(carried), { line: 99, code: 'XH-LY-09', name: '塞进来的', parentCode: 'XH-LY' }];
    const confirmed = await post('/admin/places/import/confirm', form({ rows: JSON.stringify(rows) }));
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/admin/places?done=imported&added=2');
    const tree = await (await page('/admin/places?done=imported&added=2')).text();
    expect(tree).toContain('已导入 2 个网格');
    expect(entryOf(tree, 'XH-LY-BLQ-05')).toContain('白乐桥村第五网格');
    expect(entryOf(tree, 'XH-LY-LYS-02')).toContain('网格');
    expect(tree).not.toContain('XH-LY-09');
  });

  it('refuse a file without the headers, saying which are missing', async () => {
    const upload = new FormData();
    upload.set('file', new File(['\uFEFF编码,名字\r\nA-1,甲\r\n'], 'x.csv'));
    const response = await post('/admin/places/import', upload);
    expect(response.status).toBe(422);
    expect(await response.text()).toMatch(/缺少表头：网格名称、所属社区编码/);
  });

  it('move and retire through the API, refusals with their codes', async () => {
    const api = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const refused = await api('/api/jurisdictions/XH-LY-BLQ/retire', { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toBe('hasActiveChildren');
    const moved = await api('/api/jurisdictions/XH-LY-BLQ-05/move', { method: 'POST', body: JSON.stringify({ parentCode: 'XH-LY-LYS' }) });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ path: '/XH/XH-LY/XH-LY-LYS/XH-LY-BLQ-05/', parentCode: 'XH-LY-LYS' });
    const retired = await api('/api/jurisdictions/XH-LY-BLQ-05/retire', { method: 'POST' });
    expect(retired.status).toBe(200);
    expect(((await retired.json()) as { retiredAt: string | null }).retiredAt).toBeTruthy();
  });
});
