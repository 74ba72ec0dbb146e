import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { fileCase, listAs, newMarker, newPhone, project } from '../support/case-lists';
import { apiAs, edgeOnlyStack, tokenOf } from '../support/stack';

/** The supervisor's query over the real edge: workerd, its local D1, Temporal unreachable (cases stay queued). */
let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const as = (id: string) => apiAs(stack, tokenOf(stack, id));
const ids = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

describe('who sees which cases', () => {
  it('a station never sees another station’s cases; the county sees all its stations', async () => {
    const marker = newMarker();
    const lingyin = await fileCase(gridWorker, marker);
    const beishan = await fileCase(as('demo-grid-bs'), marker, (intake) => (intake.where.gridCellCode = 'XH-BS-SG-01'));
    expect(ids(await listAs(as('demo-supervisor-ly'), `q=${marker}`))).toEqual([lingyin.id]);
    expect(ids(await listAs(as('demo-grid-bs'), `q=${marker}`))).toEqual([beishan.id]);
    expect(ids(await listAs(as('demo-supervisor-xh'), `q=${marker}`)).sort()).toEqual([lingyin.id, beishan.id].sort());
    expect(ids(await listAs(as('demo-supervisor-xh'), `q=${marker}&jurisdiction=XH-BS`))).toEqual([beishan.id]);
    expect(ids(await listAs(as('demo-supervisor-xh'), `q=${marker}&jurisdiction=XH-LY-BLQ`))).toEqual([lingyin.id]);

    // Naming another station's jurisdiction is refused, as a code that does not exist is.
    const elsewhere = await as('demo-grid-bs')(`/api/cases?jurisdiction=XH-LY`);
    const missing = await as('demo-grid-bs')(`/api/cases?jurisdiction=XH-NONE`);
    expect(elsewhere.status).toBe(422);
    expect(await elsewhere.json()).toEqual(await missing.json());
  });
});

describe('search in Chinese', () => {
  const phone = newPhone();
  let filed: { id: string; caseNumber: string };
  const marker = newMarker();
  beforeAll(async () => {
    filed = await fileCase(gridWorker, marker, (intake) => {
      intake.where.address = `灵隐街道梅家坞村 ${marker} 幢`;
      intake.parties = [
        { name: '欧阳娜娜', role: 'applicant', phone: `+86 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}` },
        { name: '李某', role: 'respondent' },
      ];
    });
  });
  const finds = async (query: string) => ids(await listAs(as('demo-supervisor-ly'), `q=${encodeURIComponent(query)}&status=all&limit=500`));

  it.each([
    ['a party’s name', '欧阳娜娜'],
    ['part of a name, with the middle dot some write', '欧阳·娜'],
    ['part of the address', '梅家坞'],
    ['the address as typed with spaces', `梅家坞村 ${marker}`],
    ['the phone as one number', () => phone],
    ['the phone with the country code and dashes', () => `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`],
    ['the phone’s last four digits', () => phone.slice(-4)],
    ['the phone’s last seven digits', () => phone.slice(-7)],
    ['the phone as a grid worker’s list masks it', () => `${phone.slice(0, 3)}****${phone.slice(-4)}`],
    ['the phone with its middle left out', () => `${phone.slice(0, 3)}…${phone.slice(-6)}`],
    ['the case number', () => filed.caseNumber],
    ['the case number’s day and counter', () => filed.caseNumber.split('-').slice(2).join('-')],
    ['a name and a place together', '娜娜 梅家坞'],
    ['the phone’s first digits, as a command room recalls a mobile', () => phone.slice(0, 7)],
    ['a surname alone, within the reader’s jurisdiction', '欧'],
  ])('finds the case by %s', async (_, query) => {
    expect(await finds(typeof query === 'function' ? query() : query)).toContain(filed.id);
  });

  it('needs every piece of the query: a name at another address does not match', async () => {
    expect(await finds('欧阳娜娜 白乐桥')).not.toContain(filed.id);
    const anotherPhone = `${phone.slice(0, 7)}${phone.endsWith('0000') ? '1111' : '0000'}`;
    expect(await finds(anotherPhone)).not.toContain(filed.id);
    expect(await finds(`${phone.slice(0, 3)}****${anotherPhone.slice(-4)}`)).not.toContain(filed.id);
  });

  it('refuses a query of one letter or digit with 422, in the reader’s language', async () => {
    const response = await as('demo-supervisor-ly')(`/api/cases?q=x`, { headers: { 'accept-language': 'en' } });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: 'invalid_query',
      fields: [{ field: 'q', code: 'searchTooShort', message: 'Search needs at least two letters or digits (or one Chinese character, a surname)' }],
    });
    expect((await as('demo-supervisor-ly')(`/api/cases?q=${encodeURIComponent('7!')}`)).status).toBe(422);
  });

  it('finds a party that a repeat report added to the case', async () => {
    const again = await fileCase(gridWorker, newMarker(), (intake) => {
      intake.parties = [{ name: '司马光明', role: 'other', phone }];
    });
    expect(again.id).toBe(filed.id);
    expect(await finds('司马光明')).toEqual([filed.id]);
  });
});

describe('paging', () => {
  it('walks every case once while new cases are filed between pages, in each sort', async () => {
    const marker = newMarker();
    const before = [];
    for (let i = 0; i < 5; i++) before.push((await fileCase(gridWorker, marker)).id);
    for (const sort of ['overdue', 'nearestDue', 'newest']) {
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await listAs(as('demo-supervisor-ly'), `q=${marker}&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.rows.length).toBeLessThanOrEqual(2);
        seen.push(...ids(page));
        cursor = page.nextCursor;
        await fileCase(gridWorker, marker);
      }
      expect(new Set(seen).size, sort).toBe(seen.length);
      expect(seen, sort).toEqual(expect.arrayContaining(before));
    }
  });

  it('refuses a cursor of another sort, or one that was tampered with', async () => {
    const marker = newMarker();
    await fileCase(gridWorker, marker);
    await fileCase(gridWorker, marker);
    const { nextCursor } = await listAs(as('demo-supervisor-ly'), `q=${marker}&limit=1&sort=newest`);
    for (const query of [`sort=overdue&cursor=${nextCursor}`, `sort=newest&cursor=${nextCursor!.slice(0, -3)}`, 'cursor=not+base64']) {
      const response = await as('demo-supervisor-ly')(`/api/cases?${query}`);
      expect(response.status, query).toBe(422);
      expect(((await response.json()) as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['cursor']);
    }
  });
});

describe('masking phone and ID numbers', () => {
  const phone = newPhone();
  const marker = newMarker();
  const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  let filed: { id: string };
  beforeAll(async () => {
    filed = await fileCase(gridWorker, marker, (intake) => {
      intake.parties = [{ name: '王某', role: 'applicant', phone }];
      intake.summary = `王某（身份证 330106198001011234，电话 ${phone}）反映邻居装修噪音扰民。`;
    });
    // A joint route naming the market department, so its liaison lists the case too; dispatched to the mediator.
    await project(stack, filed.id, 1, { route: 'joint', order: 'accepted', assigneeId: 'demo-mediator-ly' }, { market: 'pending' });
  });

  it.each([
    ['a grid worker', 'demo-grid-ly', true],
    ['a department liaison', 'demo-dept-market', true],
    ['the mediator it is dispatched to', 'demo-mediator-ly', false],
    ['a supervisor', 'demo-supervisor-ly', false],
    ['an admin', 'demo-admin', false],
  ])('%s reads phones %s', async (_, user, isMasked) => {
    const [row] = (await listAs(as(user), `q=${marker}`)).rows;
    expect(row?.id).toBe(filed.id);
    expect(row!.parties[0]!.phone).toBe(isMasked ? masked : phone);
    expect(row!.summary).toBe(
      isMasked ? `王某（身份证 330106********1234，电话 ${masked}）反映邻居装修噪音扰民。` : `王某（身份证 330106198001011234，电话 ${phone}）反映邻居装修噪音扰民。`,
    );
  });

  it('masks the CSV a grid worker downloads as well', async () => {
    const csv = await (await gridWorker(`/api/cases?q=${marker}&format=csv`)).text();
    expect(csv).toContain(masked);
    expect(csv).not.toContain(phone);
  });
});

describe('the ledger as files', () => {
  it('answers CSV with a BOM, UTF-8 and a file name, the same rows as the list', async () => {
    const marker = newMarker();
    const filed = await fileCase(gridWorker, marker);
    const response = await as('demo-supervisor-ly')(`/api/cases?q=${marker}&format=csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="fengqiao-ledger-XH-LY.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row, end] = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(header!.split(',').slice(0, 5)).toEqual(['案件编号', '登记时间', '排查渠道', '纠纷类别', '状态']);
    expect(row!.startsWith(`${filed.caseNumber},`)).toBe(true);
    // The first contact is due the same day (事不过夜): the ledger writes its end as the pages do, 24:00 of that day.
    expect(row).toMatch(/首次联系 \d{4}-\d{2}-\d{2} 24:00（/);
    expect(row).not.toMatch(/首次联系 \d{4}-\d{2}-\d{2} 00:00/);
    expect(end).toBe('');
    const english = await (await as('demo-supervisor-ly')(`/api/cases?q=${marker}&format=csv`, { headers: { 'accept-language': 'en' } })).text();
    // text() drops the BOM, as a spreadsheet does.
    expect(english.split('\r\n')[0]!.startsWith('Case number,Filed at,Channel')).toBe(true);
  });

  it('keeps a cell that looks like a formula text, and names the next page of a longer ledger', async () => {
    const marker = newMarker();
    const first = await fileCase(gridWorker, marker, (intake) => (intake.parties = [{ name: '=HYPERLINK("x")', role: 'applicant' }]));
    const second = await fileCase(gridWorker, marker);
    const response = await as('demo-supervisor-ly')(`/api/cases?q=${marker}&format=csv&sort=newest&limit=1`);
    expect(await response.text()).toContain(second.caseNumber);
    const next = /^<([^>]+)>; rel="next"$/.exec(response.headers.get('link') ?? '')?.[1];
    expect(next).toMatch(/^\/api\/cases\?.*cursor=/);
    const rest = await (await as('demo-supervisor-ly')(next!)).text();
    expect(rest).toContain(first.caseNumber);
    expect(rest).toContain(`"'=HYPERLINK(""x"")（申请人）"`);
  });

  it('answers the monthly ledger as a workbook, past the size fflate would hand to a Web Worker', async () => {
    const marker = newMarker();
    const numbers = new Set<string>();
    // 60 cases with long summaries: the workbook's shared strings pass 160 kB.
    for (let i = 0; i < 60; i++) {
      const filed = await fileCase(gridWorker, marker, (intake) => (intake.summary = `第${i}件：${'邻居装修噪音扰民，多次协商未果。'.repeat(120)}`));
      numbers.add(filed.caseNumber);
    }
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const response = await as('demo-supervisor-ly')(`/api/cases?q=${marker}&format=xlsx&status=all&filedFrom=${day.slice(0, 8)}01&filedTo=${day}`);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="fengqiao-ledger-XH-LY-${day.slice(0, 8)}01_${day}.xlsx"`);
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const text = Object.values(files).map((file) => strFromU8(file)).join('\n');
    expect(Math.max(...Object.values(files).map((file) => file.length))).toBeGreaterThan(160_000);
    expect(text).toContain('矛盾纠纷台账 XH-LY');
    for (const number of numbers) expect(text).toContain(number);
    // The filing time is a date a spreadsheet can sort and count by: a number under a date format, not text.
    const sheet = Object.entries(files).find(([name]) => /worksheets\/sheet1\.xml$/.test(name))![1];
    const filedAt = /<c r="B2"([^>]*)>(.*?)<\/c>/.exec(strFromU8(sheet));
    expect(filedAt?.[1]).not.toContain('t="s"');
    expect(Number(/<v>([\d.]+)<\/v>/.exec(filedAt![2]!)?.[1])).toBeGreaterThan(46_000);
    expect(strFromU8(Object.entries(files).find(([name]) => /styles\.xml$/.test(name))![1])).toContain('yyyy-mm-dd hh:mm');
  });
});
