import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import { signatureHeader, signRequest } from '../../schemas/internal-signature';
import type { Stack } from '../../scripts/stack';
import { apiAs, edgeOnlyStack, freshIntake, sessionCookieOf, tokenOf } from '../support/stack';
import { formatDeadline } from '../../workers/kit/local-time';

/** The edge in workerd with a real local D1 and Temporal unreachable: every batch waits in the outbox to start. */
let stack: Stack;
let supervisor: ReturnType<typeof apiAs>;
let gridWorker: ReturnType<typeof apiAs>;
beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
  supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
});
afterAll(async () => stack?.stop());

const json = async (response: Response) => (await response.json()) as Record<string, any>;
const send = (as: ReturnType<typeof apiAs>, body: string, contentType: string, headers: Record<string, string> = {}, query = '') =>
  as(`/api/batches${query}`, { method: 'POST', body, headers: { 'content-type': contentType, ...headers } });
const sendJson = (as: ReturnType<typeof apiAs>, body: object) => send(as, JSON.stringify(body), 'application/json');
const batchId = () => `test-${crypto.randomUUID()}`;
const lineOf = (view: Record<string, any>, line: number) => view.lines.find((l: { line: number }) => l.line === line);

/** A report as the batch's workflow sends it, signed as the worker signs it. */
async function report(id: string, body: object) {
  const path = `/internal/batches/${id}/events`;
  const text = JSON.stringify(body);
  return fetch(`${stack.edgeUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [signatureHeader]: await signRequest('test-internal-secret', 'POST', path, text) },
    body: text,
  });
}

describe('a batch of verification instructions', () => {
  it('takes the good lines, keeps the bad ones as rejected with one message per field, and files a dispute line as a case', async () => {
    const id = batchId();
    const dispute = { kind: 'dispute', ...freshIntake('grid') };
    const response = await sendJson(supervisor, {
      batchId: id,
      title: '第 47 周核查',
      lines: [
        { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 12 号 出租房人口核查' },
        { kind: 'premises', assigneeId: 'demo-grid-ly' },
        { kind: 'unit', assigneeId: 'demo-grid-bs', subject: '北山街 8 号 单位核查' },
        { kind: 'lottery', assigneeId: 'demo-grid-ly', subject: '无此类别' },
        dispute,
        { kind: 'dispute', summary: '太短' },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/api/batches/${id}`);
    const view = await json(response);
    expect(view).toMatchObject({ id, status: 'queued', feedbackWithin: 'P3D' });
    expect(view.counts).toEqual({ lines: 6, accepted: 2, rejected: 4, casesFiled: 1, waitingToDispatch: 1, dispatched: 0, feedbackReceived: 0, overdue: 0 });
    expect(lineOf(view, 1)).toMatchObject({ status: 'pending', kind: 'population', assigneeId: 'demo-grid-ly', errors: null });
    expect(lineOf(view, 2)).toMatchObject({ status: 'rejected', errors: [{ field: 'subject', message: '请填写核查对象' }] });
    expect(lineOf(view, 3).errors).toEqual([{ field: 'assigneeId', code: 'assigneeUnknown', message: '承办人不存在、已停用或不在您的辖区内' }]);
    expect(lineOf(view, 4).errors.map((e: { field: string }) => e.field)).toEqual(['kind']);
    expect(lineOf(view, 6).errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['summary', 'where', 'parties']));
    const filed = lineOf(view, 5);
    expect(filed).toMatchObject({ status: 'case_filed', kind: 'dispute' });
    const caseView = await json(await supervisor(`/api/cases/${filed.caseId}`));
    expect(caseView).toMatchObject({ channel: 'grid', status: 'queued', filedBy: 'demo-supervisor-ly' });

    expect(await json(await supervisor(`/api/batches/${id}`))).toEqual(view);
  });

  it('answers a re-sent batch with the same batch and creates nothing twice; another batch under its ID, or a wrong option beside it, is refused', async () => {
    const id = batchId();
    const body = { batchId: id, lines: [{ kind: 'anti_fraud', assigneeId: 'demo-mediator-ly', subject: '灵隐路 3 号 独居老人反诈走访' }, { kind: 'dispute', ...freshIntake('grid') }] };
    const first = await json(await sendJson(supervisor, body));
    const again = await sendJson(supervisor, body);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(first);

    const changed = await sendJson(supervisor, { ...body, lines: body.lines.slice(0, 1) });
    expect(changed.status).toBe(422);
    // A re-send with a wrong option in the query is refused, not answered as the batch it repeats.
    const wrongQuery = await send(supervisor, JSON.stringify(body), 'application/json', {}, '?title=');
    expect(wrongQuery.status).toBe(422);
    expect((await json(wrongQuery)).fields.map((f: { field: string }) => f.field)).toEqual(['title']);
    const otherSupervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'));
    expect((await sendJson(otherSupervisor, body)).status).toBe(409);
  });

  it('reads CSV (quoted cells, dot-path intake columns) and JSON lines, numbering lines as the file does; the ID may come as Idempotency-Key', async () => {
    const intake = freshIntake('grid');
    const csv = [
      'kind,assigneeId,subject,note,category,summary,where.address,where.gridCellCode,parties.0.name,parties.0.role,source.screenedBy',
      `premises,demo-grid-ly,"灵隐路 5 号, 沿街商铺",,,,,,,,`,
      `premises,demo-grid-ly,"写字楼 ""A"" 座\n三楼",带上登记表,,,,,,,`,
      `dispute,,,,${intake.category},${intake.summary},${intake.where.address},${intake.where.gridCellCode},${intake.parties[0].name},${intake.parties[0].role},王网格员`,
      'unit,demo-grid-ly,,,,,,,,,',
    ].join('\r\n');
    const id = batchId();
    const response = await send(supervisor, csv, 'text/csv; charset=utf-8', { 'idempotency-key': id }, '?feedbackWithin=P2D');
    expect(response.status).toBe(201);
    const view = await json(response);
    expect(view).toMatchObject({ id, feedbackWithin: 'P2D' });
    expect(view.lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [2, 'pending'],
      [3, 'pending'],
      [5, 'case_filed'],
      [6, 'rejected'],
    ]);
    expect(lineOf(view, 2).payload).toEqual({ subject: '灵隐路 5 号, 沿街商铺' });
    expect(lineOf(view, 3).payload).toEqual({ subject: '写字楼 "A" 座\n三楼', note: '带上登记表' });

    const jsonLines = ['{"kind":"unit","assigneeId":"demo-grid-ly","subject":"灵隐寺管委会"}', '', '{"kind": "unit",', '[1]'].join('\n');
    const lines = await json(await send(supervisor, jsonLines, 'application/x-ndjson', {}, `?batchId=${batchId()}`));
    expect(lines.lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [1, 'pending'],
      [3, 'rejected'],
      [4, 'rejected'],
    ]);
    expect(lineOf(lines, 3).errors).toEqual([{ field: '', code: 'badLine', message: '这一行无法读取：不是有效的 JSON' }]);
  });

  it('refuses what cannot be a batch: no ID, a bad duration, an unknown content type; grid workers may not dispatch', async () => {
    const line = { kind: 'unit', assigneeId: 'demo-grid-ly', subject: '某单位' };
    const noId = await sendJson(supervisor, { lines: [line] });
    expect(noId.status).toBe(422);
    expect((await json(noId)).fields[0].field).toBe('batchId');
    const badDuration = await json(await sendJson(supervisor, { batchId: batchId(), feedbackWithin: '3 days', lines: [line] }));
    expect(badDuration.fields.map((f: { field: string }) => f.field)).toEqual(['feedbackWithin']);
    expect((await send(supervisor, 'x', 'text/plain', { 'idempotency-key': batchId() })).status).toBe(415);
    expect((await sendJson(gridWorker, { batchId: batchId(), lines: [line] })).status).toBe(403);
  });
});

describe('feedback and progress', () => {
  it('lets only the assignee answer, once; the workflow’s reports dispatch and mark overdue once each, feedback winning', async () => {
    const id = batchId();
    const view = await json(
      await sendJson(supervisor, {
        batchId: id,
        lines: [
          { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 20 号' },
          { kind: 'population', assigneeId: 'demo-grid-ly', subject: '白乐桥村 21 号' },
        ],
      }),
    );
    const [first, second] = view.lines.map((l: { instructionId: number }) => l.instructionId);
    const feedback = (as: ReturnType<typeof apiAs>, instructionId: number, body: object = { feedback: '已上门核查，实住 3 人' }) =>
      as(`/api/instructions/${instructionId}/feedback`, { method: 'POST', body: JSON.stringify(body) });

    expect((await feedback(supervisor, first)).status).toBe(403);
    expect((await feedback(apiAs(stack, tokenOf(stack, 'demo-grid-bs')), first)).status).toBe(404);
    expect((await feedback(gridWorker, 999_999)).status).toBe(404);
    expect((await feedback(gridWorker, first, { feedback: '' })).status).toBe(422);
    const answered = await feedback(gridWorker, first);
    expect(answered.status).toBe(200);
    expect(await json(answered)).toMatchObject({ status: 'answered', feedback: '已上门核查，实住 3 人' });
    const twice = await feedback(gridWorker, first);
    expect(twice.status).toBe(409);

    const at = new Date().toISOString();
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const dispatched = { seq: 1, type: 'dispatched', at, dueAt, lines: [1, 2] };
    expect(await json(await report(id, dispatched))).toEqual({ outcome: 'applied' });
    expect(await json(await report(id, dispatched))).toEqual({ outcome: 'duplicate' });
    expect(await json(await report(id, { seq: 2, type: 'overdue', at, lines: [1, 2] }))).toEqual({ outcome: 'applied' });
    expect((await report('no-such-batch', dispatched)).status).toBe(404);
    expect((await report(id, { seq: 3, type: 'overdue', at, lines: [] })).status).toBe(422);

    const progress = await json(await supervisor(`/api/batches/${id}`));
    expect(progress.status).toBe('running');
    expect(progress.counts).toMatchObject({ accepted: 2, dispatched: 2, feedbackReceived: 1, overdue: 1 });
    expect(lineOf(progress, 1)).toMatchObject({ status: 'answered', dueAt, overdueAt: null });
    expect(lineOf(progress, 2)).toMatchObject({ status: 'overdue', overdueAt: at });
    // Late feedback still closes the loop; the line stays counted as overdue.
    expect((await feedback(gridWorker, second)).status).toBe(200);
    expect((await json(await supervisor(`/api/batches/${id}`))).counts).toMatchObject({ feedbackReceived: 2, overdue: 1 });

    expect(await json(await report(id, { seq: 3, type: 'completed', at, answered: 2, overdue: 1 }))).toEqual({ outcome: 'applied' });
    expect((await json(await supervisor(`/api/batches/${id}`))).status).toBe('done');
    expect((await gridWorker(`/api/batches/${id}`)).status).toBe(403);
    expect((await apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'))(`/api/batches/${id}`)).status).toBe(200);
  });
});

describe('the API document', () => {
  it('documents the batch routes with their bodies from the same schemas', async () => {
    const document = (await json(await supervisor('/api/openapi.json'))) as { paths: Record<string, Record<string, any>> };
    const post = document.paths['/api/batches']!.post;
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json', 'application/x-ndjson', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect(post.requestBody.content['application/json'].schema.properties).toHaveProperty('lines');
    expect(document.paths['/api/batches/{id}']!.get.responses).toHaveProperty('404');
    expect(document.paths['/api/instructions/{id}/feedback']!.post.responses).toHaveProperty('409');
    expect(document.paths['/internal/batches/{id}/events']!.post.requestBody.content['application/json'].schema).toBeDefined();
  });
});

describe('a batch a county prepares in Excel', () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await sessionCookieOf(stack, 'demo-supervisor-ly');
  });
  const page = (path: string, lang = 'zh-CN') => fetch(`${stack.edgeUrl}${path}`, { redirect: 'manual', headers: { cookie, 'accept-language': lang } });
  const post = (path: string, body: FormData | URLSearchParams, lang = 'zh-CN') =>
    fetch(`${stack.edgeUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: stack.edgeUrl, 'accept-language': lang }, body });
  const upload = (bytes: Uint8Array | string, name: string, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ batchId: batchId(), ...fields })) form.set(key, value);
    form.set('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
    return post('/batches', form, fields.lang);
  };
  const rowAt = (html: string, line: number) => new RegExp(`<tr data-line="${line}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
  const unescape = (text: string) => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  const confirmFormOf = (html: string) => {
    const form = /<form method="post" action="\/batches\/confirm"[\s\S]*?<\/form>/.exec(html)![0];
    return new URLSearchParams([...form.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((match) => [match[1]!, unescape(match[2]!)]));
  };
  const batchIds = async () => ((await json(await supervisor('/api/batches?limit=200'))).rows as { id: string }[]).map((row) => row.id);

  it('previews a GBK CSV with Chinese headers, every subject in Chinese, writes nothing until confirmed, then writes it once', async () => {
    const csv = ['类别,承办人,承办人辖区,核查对象,说明', '人口核查,王网格员,,白乐桥村 30 号 出租房人口核查,', '反诈走访,赵调解员,灵隐派出所,灵隐路 7 号 独居老人反诈走访,带宣传册', '场所核查,李四,,北高峰茶室,'].join('\r\n');
    const id = batchId();
    const preview = await upload(iconv.encode(csv, 'gbk'), '第48周.csv', { batchId: id, title: '第 48 周核查' });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('共 3 行：2 行将下发，0 行将登记为案件，1 行不能受理');
    expect(rowAt(html, 2)).toContain('白乐桥村 30 号 出租房人口核查');
    expect(rowAt(html, 2)).toContain('王网格员');
    expect(rowAt(html, 2)).toContain('将下发');
    expect(rowAt(html, 3)).toContain('反诈走访');
    expect(rowAt(html, 4)).toContain('北高峰茶室');
    expect(rowAt(html, 4)).toContain('第 4 行');
    expect(rowAt(html, 4)).toContain('辖区内没有名叫“李四”的网格员或调解员');
    expect(await batchIds()).not.toContain(id);

    const form = confirmFormOf(html);
    const confirmed = await post('/batches/confirm', form);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`/batches/${id}`);
    expect((await post('/batches/confirm', form)).status).toBe(303);
    const view = await json(await supervisor(`/api/batches/${id}`));
    expect(view).toMatchObject({ title: '第 48 周核查', counts: { lines: 3, accepted: 2, rejected: 1 } });
    // The batch's own page says a stored reason in the reader's language where its words name only the field.
    const missing = await upload('类别,承办人,核查对象\n人口核查,王网格员,白乐桥村 32 号\n人口核查,王网格员,\n', 'x.csv');
    const written = await post('/batches/confirm', confirmFormOf(await missing.text()));
    const english = await (await page(written.headers.get('location')!, 'en')).text();
    expect(english).toMatch(/<li data-line="3">[\s\S]*?is required/);
    expect(english).not.toContain('请填写');
    expect(lineOf(view, 2)).toMatchObject({ kind: 'population', assigneeId: 'demo-grid-ly', payload: { subject: '白乐桥村 30 号 出租房人口核查' } });
    expect(lineOf(view, 3)).toMatchObject({ kind: 'anti_fraud', assigneeId: 'demo-mediator-ly', payload: { subject: '灵隐路 7 号 独居老人反诈走访', note: '带宣传册' } });
    const batchPage = await (await page(`/batches/${id}`)).text();
    expect(/<tr data-line="2"[\s\S]*?<\/tr>/.exec(batchPage)?.[0]).toContain('白乐桥村 30 号 出租房人口核查');
  });

  it('names on the preview the batch it will write: its title, and its deadline in the county’s time as the pages write deadlines', async () => {
    const about = (html: string, name: string) => new RegExp(`<dd data-about="${name}">([\\s\\S]*?)</dd>`).exec(html)?.[1] ?? '';
    const due = (from: number, days: number) => formatDeadline(new Date(from + days * 86_400_000).toISOString(), '+08:00');
    const csv = '类别,承办人,核查对象\n人口核查,王网格员,白乐桥村 33 号\n';
    const before = Date.now();
    const titled = await (await upload(csv, 'x.csv', { title: '第 50 周核查', feedbackWithin: 'P2D' })).text();
    const after = Date.now();
    expect(about(titled, 'title')).toBe('第 50 周核查');
    expect([`截止 ${due(before, 2)}`, `截止 ${due(after, 2)}`]).toContain(/<time [^>]*>([^<]*)<\/time>/.exec(about(titled, 'due'))?.[1]);
    expect(about(titled, 'due')).toContain('从确认下发时起算，2 天内反馈');
    // Neither title nor feedback time chosen: untitled, and due within the policy's feedback time (three days).
    const start = Date.now();
    const plain = await (await upload(csv, 'x.csv')).text();
    expect(about(plain, 'title')).toBe('未命名批次');
    expect([`截止 ${due(start, 3)}`, `截止 ${due(Date.now(), 3)}`]).toContain(/<time [^>]*>([^<]*)<\/time>/.exec(about(plain, 'due'))?.[1]);
    const english = await (await upload(csv, 'x.csv', { title: 'Week 50', feedbackWithin: 'PT12H', lang: 'en' })).text();
    expect(about(english, 'title')).toBe('Week 50');
    expect(about(english, 'due')).toMatch(/due \d{4}-\d{2}-\d{2} \d{2}:\d{2}[\s\S]*Feedback within 12 h of confirming/);
    // A sheet of disputes alone dispatches no instruction, so it has no feedback deadline to name.
    const disputes = await (await upload('kind,summary\ndispute,太短\n', 'x.csv', { title: '只有纠纷' })).text();
    expect(about(disputes, 'title')).toBe('只有纠纷');
    expect(disputes).not.toContain('data-about="due"');
  });

  it('reads a UTF-8 CSV with a BOM, and says why each row is refused in English when the page is English', async () => {
    const csv = '\uFEFFkind,assignee,subject\npopulation,王网格员,白乐桥村 31 号\nlottery,王网格员,某处\nunit,李四,某单位\n';
    const zh = await (await upload(csv, 'batch.csv')).text();
    expect(rowAt(zh, 2)).toContain('白乐桥村 31 号');
    expect(rowAt(zh, 3)).toContain('“lottery”不是有效的指令类别，可以填：人口核查、');
    const en = await (await upload(csv, 'batch.csv', { lang: 'en' })).text();
    expect(en).toContain('3 lines: 1 to dispatch, 0 to file as cases, 2 refused');
    expect(rowAt(en, 3)).toContain('“lottery” is not an instruction kind');
    expect(rowAt(en, 4)).toContain('No grid worker or mediator named “李四” works in your jurisdiction');
    expect(en).not.toMatch(/辖区内|不是有效/);
  });

  it('reads an xlsx with Chinese headers, and refuses a sheet without a kind column in the page’s language', async () => {
    const sheet = [
      ['类别', '承办人', '核查对象', '说明'].map((value) => ({ value })),
      [{ value: '单位核查' }, { value: '王网格员' }, { value: '灵隐寺管委会' }, null],
      [{ value: '人口核查' }, { value: '赵调解员' }, { value: '白乐桥村 40 号' }, { value: '夜间走访' }],
    ];
    const bytes = new Uint8Array(await (await writeXlsxFile(sheet as never).toBlob()).arrayBuffer());
    const html = await (await upload(bytes, '指令.xlsx')).text();
    expect(html).toContain('共 2 行：2 行将下发');
    expect(rowAt(html, 2)).toContain('灵隐寺管委会');
    expect(rowAt(html, 3)).toContain('赵调解员');

    const noKind = await upload('核查对象,承办人\n某处,王网格员\n', 'x.csv');
    expect(noKind.status).toBe(422);
    const refused = await noKind.text();
    expect(refused).toContain('表头中没有“类别”列');
    expect(refused).not.toContain('The CSV header');
    expect(await (await upload('subject\nx\n', 'x.csv', { lang: 'en' })).text()).toContain('The header has no “kind” column');
  });

  it('offers templates in CSV and xlsx that preview without a refusal when uploaded as they are, and lists the assignees', async () => {
    const form = await (await page('/batches')).text();
    expect(form).toContain('href="/batches/template.csv"');
    expect(form).toMatch(/<th scope="row">王网格员<\/th>\s*<td[^>]*>白乐桥村<\/td>/);
    const csv = await page('/batches/template.csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(csvBytes)).toContain('类别,承办人,承办人辖区,承办人编号,核查对象,说明');
    const xlsx = new Uint8Array(await (await page('/batches/template.xlsx')).arrayBuffer());
    for (const [bytes, name] of [
      [csvBytes, '模板.csv'],
      [xlsx, '模板.xlsx'],
    ] as const) {
      const html = await (await upload(bytes, name)).text();
      expect(html).toContain('共 2 行：2 行将下发，0 行将登记为案件，0 行不能受理');
    }
  });

  it('answers the API’s CSV with Chinese headers and assignees by name, and says why a sheet is unreadable in its language', async () => {
    const csv = '类别,承办人,核查对象\n人口核查,王网格员,白乐桥村 50 号\n';
    const created = await json(await send(supervisor, csv, 'text/csv', { 'idempotency-key': batchId() }));
    expect(lineOf(created, 2)).toMatchObject({ status: 'pending', assigneeId: 'demo-grid-ly', payload: { subject: '白乐桥村 50 号' } });
    const intake = freshIntake('grid');
    const dispute = [
      '类别,纠纷类别,纠纷简要情况,发生地点,网格编码,当事人姓名,当事人身份,排查人',
      `纠纷登记,邻里纠纷,${intake.summary},${intake.where.address},${intake.where.gridCellCode},${intake.parties[0].name},申请人,王网格员`,
    ].join('\n');
    const filed = await json(await send(supervisor, dispute, 'text/csv', { 'idempotency-key': batchId() }));
    expect(lineOf(filed, 2)).toMatchObject({ status: 'case_filed', kind: 'dispute' });
    expect(await json(await supervisor(`/api/cases/${lineOf(filed, 2).caseId}`))).toMatchObject({ category: 'neighbour', channel: 'grid' });
    const unreadable = await json(await send(supervisor, '核查对象\n某处\n', 'text/csv', { 'idempotency-key': batchId(), 'accept-language': 'en' }));
    expect(unreadable.fields).toEqual([{ field: '', code: 'unreadable', message: expect.stringContaining('The header has no “kind” column') }]);
  });

  // Last: it gives the jurisdiction a second 王网格员, whom the other tests name alone.
  it('refuses a name two people share unless the place tells them apart', async () => {
    const admin = apiAs(stack, tokenOf(stack, 'demo-admin'));
    const made = await admin('/api/users', { method: 'POST', body: JSON.stringify({ id: 'grid-wang-lys', name: '王网格员', role: 'grid_worker', jurisdictionCode: 'XH-LY-LYS' }) });
    expect(made.status).toBe(201);
    const csv = '类别,承办人,承办人辖区,核查对象\n人口核查,王网格员,,白乐桥村 70 号\n人口核查,王网格员,灵隐社区,灵隐路 70 号\n人口核查,王网格员,曙光社区,曙光路 70 号\n';
    const html = await (await upload(csv, 'x.csv')).text();
    expect(rowAt(html, 2)).toContain('辖区内有不止一位“王网格员”（白乐桥村 / 灵隐社区）');
    expect(rowAt(html, 3)).toContain('王网格员（灵隐社区）');
    expect(rowAt(html, 3)).toContain('将下发');
    expect(rowAt(html, 4)).toContain('“曙光社区”没有名叫“王网格员”的承办人');
  });
});
