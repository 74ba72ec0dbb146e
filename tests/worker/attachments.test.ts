import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { project } from '../support/case-lists';
import { photoWithGps, photoWithoutGps, pngWithoutExif } from '../support/photos';
import { apiAs, edgeOnlyStack, freshIntake, sessionCookieOf, tokenOf } from '../support/stack';

let stack: Stack;
let gridWorker: ReturnType<typeof apiAs>;
const as = (id: string) => apiAs(stack, tokenOf(stack, id));

beforeAll(async () => {
  ({ stack, gridWorker } = await edgeOnlyStack());
});
afterAll(async () => stack?.stop());

/** A joint case of the grid worker's, dispatched to and accepted by the mediator, the market department named on it. */
async function mediatorsCase() {
  const response = await gridWorker('/api/intake/grid', { method: 'POST', body: JSON.stringify(freshIntake('grid')) });
  const { id } = (await response.json()) as { id: string };
  await project(stack, id, 1, { route: 'joint', order: 'accepted', assigneeId: 'demo-mediator-ly' }, { market: 'pending' });
  return id;
}

const sent = (bytes: Uint8Array, name: string, type = 'application/octet-stream') => {
  const form = new FormData();
  form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return { method: 'POST', body: form };
};

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('evidence attached to a case', () => {
  it('keeps a photo the mediator attaches byte for byte for the supervisor, and without its location for a department’s liaison', async () => {
    const caseId = await mediatorsCase();
    const response = await as('demo-mediator-ly')(`/api/cases/${caseId}/attachments`, sent(photoWithGps, '现场照片.jpg', 'image/jpeg'));
    expect(response.status, await response.clone().text()).toBe(201);
    const attachment = (await response.json()) as Record<string, any>;
    expect(attachment).toMatchObject({ caseId, kind: 'photo', contentType: 'image/jpeg', size: photoWithGps.length, fileName: '现场照片.jpg', attachedBy: 'demo-mediator-ly', attachedByName: '赵调解员' });
    expect(attachment.sha256).toBe(Buffer.from(await crypto.subtle.digest('SHA-256', photoWithGps)).toString('hex'));
    expect(response.headers.get('location')).toBe(attachment.href);

    const read = await as('demo-supervisor-ly')(attachment.href);
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/jpeg');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.headers.get('content-disposition')).toBe(`inline; filename="____.jpg"; filename*=UTF-8''${encodeURIComponent('现场照片.jpg')}`);
    expect([...(await bytesOf(read))]).toEqual([...photoWithGps]);

    const liaison = await as('demo-dept-market')(attachment.href);
    expect(liaison.status).toBe(200);
    expect([...(await bytesOf(liaison))]).toEqual([...photoWithoutGps]);

    const list = (await (await as('demo-supervisor-ly')(`/api/cases/${caseId}/attachments`)).json()) as { attachments: { id: string }[] };
    expect(list.attachments.map((item) => item.id)).toEqual([attachment.id]);
  });

  it('takes a PNG sent as agreement.pdf as the PNG it is, and refuses with its code a .pdf whose bytes are nothing allowed', async () => {
    const caseId = await mediatorsCase();
    const mediator = as('demo-mediator-ly');
    const png = await mediator(`/api/cases/${caseId}/attachments`, sent(pngWithoutExif, 'agreement.pdf', 'application/pdf'));
    expect(png.status).toBe(201);
    expect(await png.json()).toMatchObject({ kind: 'photo', contentType: 'image/png', fileName: 'agreement.pdf' });

    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0]);
    const lying = await mediator(`/api/cases/${caseId}/attachments`, sent(zip, 'agreement.pdf', 'application/pdf'));
    expect(lying.status).toBe(422);
    expect(await lying.json()).toMatchObject({ error: 'attachment_refused', code: 'attachmentNotWhatItSays', params: { name: 'agreement.pdf', claimed: 'PDF' } });
    const notAllowed = await mediator(`/api/cases/${caseId}/attachments`, sent(zip, 'minutes.docx'));
    expect(notAllowed.status).toBe(415);
    expect(await notAllowed.json()).toMatchObject({ code: 'attachmentNotAllowed', params: { name: 'minutes.docx' } });
    const none = await mediator(`/api/cases/${caseId}/attachments`, { method: 'POST', body: new FormData() });
    expect(none.status).toBe(422);
  });

  it('refuses a photo over 10 MB with 413 and the limit', async () => {
    const caseId = await mediatorsCase();
    const large = new Uint8Array(10 * 1024 * 1024 + 1);
    large.set(photoWithoutGps);
    const response = await as('demo-mediator-ly')(`/api/cases/${caseId}/attachments`, sent(large, 'huge.jpg', 'image/jpeg'));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'attachmentTooLarge', params: { kind: 'photo', limit: 10 } });
  });

  it('answers a body that does not parse as multipart with 422 and no file, not a server error, and one not multipart at all with 415', async () => {
    const caseId = await mediatorsCase();
    const garbled = await as('demo-mediator-ly')(`/api/cases/${caseId}/attachments`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=9cc651cd' },
      body: '--9cc651cd\r\nFalse--9cc651cd--\r\n',
    });
    expect(garbled.status).toBe(422);
    expect(await garbled.json()).toMatchObject({ error: 'invalid_attachment', fields: [{ field: 'file', code: 'missing' }] });
    const json = await as('demo-mediator-ly')(`/api/cases/${caseId}/attachments`, { method: 'POST', body: '{}' });
    expect(json.status).toBe(415);
    expect(await json.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('is as missing as the case to another station’s supervisor, and attached only by those who work the case', async () => {
    const caseId = await mediatorsCase();
    const posted = (await (await as('demo-mediator-ly')(`/api/cases/${caseId}/attachments`, sent(photoWithGps, 'scene.jpg'))).json()) as { href: string };
    // The demo county has one station supervisor; the admin makes a second at 北山 (XH-BS).
    const admin = as('demo-admin');
    const id = `supervisor-bs-${Date.now().toString(36)}`;
    expect((await admin('/api/users', { method: 'POST', body: JSON.stringify({ id, name: '北山所指挥室', role: 'supervisor', jurisdictionCode: 'XH-BS' }) })).status).toBe(201);
    const issued = await admin(`/api/users/${id}/tokens`, { method: 'POST', body: JSON.stringify({ name: '测试', expiresInDays: 7 }) });
    const elsewhere = apiAs(stack, ((await issued.json()) as { token: string }).token);
    for (const path of [`/api/cases/${caseId}/attachments`, posted.href]) {
      const hidden = await elsewhere(path);
      expect(hidden.status, path).toBe(404);
      expect(await hidden.json()).toEqual(await (await elsewhere(path.replace(caseId, '00000000-0000-4000-8000-000000000000'))).json());
    }
    expect((await elsewhere(`/api/cases/${caseId}/attachments`, sent(photoWithGps, 'scene.jpg'))).status).toBe(404);
    expect((await as('demo-dept-market')(`/api/cases/${caseId}/attachments`, sent(photoWithGps, 'scene.jpg'))).status).toBe(403);
    // The grid worker who filed it attaches to it.
    expect((await gridWorker(`/api/cases/${caseId}/attachments`, sent(photoWithGps, 'scene2.jpg'))).status).toBe(201);
  });

  it('records every download in the audit, naming it as a download', async () => {
    const caseId = await mediatorsCase();
    const posted = (await (await as('demo-mediator-ly')(`/api/cases/${caseId}/attachments`, sent(photoWithGps, 'scene.jpg'))).json()) as { href: string };
    expect((await as('demo-supervisor-ly')(posted.href)).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let reads: { caseId: string; readerId: string; via: string }[] = [];
    while (Date.now() < deadline) {
      const page = (await (await as('demo-admin')('/api/audit/case-reads?limit=200')).json()) as { rows: typeof reads };
      reads = page.rows.filter((read) => read.caseId === caseId && read.via === 'attachment');
      if (reads.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(reads).toEqual([expect.objectContaining({ readerId: 'demo-supervisor-ly', via: 'attachment' })]);
  });
});

describe('the case page’s 附件', () => {
  it('attaches a file sent as a plain form and lists it; a refused one is said beside the field', async () => {
    const caseId = await mediatorsCase();
    const cookie = await sessionCookieOf(stack, 'demo-mediator-ly');
    const headers = { cookie, origin: stack.edgeUrl, 'accept-language': 'zh-CN' };
    const before = await (await fetch(`${stack.edgeUrl}/cases/${caseId}`, { headers })).text();
    expect(before).toContain('附件');
    expect(before).toContain('enctype="multipart/form-data"');
    expect(before).toContain('accept="image/*,application/pdf,audio/*"');

    const form = new FormData();
    form.append('lang', 'zh-CN');
    form.append('file', new File([photoWithGps as Uint8Array<ArrayBuffer>], '门口.jpg', { type: 'image/jpeg' }));
    const posted = await fetch(`${stack.edgeUrl}/cases/${caseId}/attachments`, { method: 'POST', body: form, headers, redirect: 'manual' });
    expect(posted.status).toBe(303);
    const page = await (await fetch(new URL(posted.headers.get('location')!, stack.edgeUrl), { headers })).text();
    expect(page).toContain('已上传附件：门口.jpg');
    const link = /href="(\/cases\/[^"]+\/attachments\/[^"]+)"/.exec(page)![1]!;
    expect(page).toContain('照片');
    expect(page).toContain('赵调解员');
    const opened = await fetch(`${stack.edgeUrl}${link}`, { headers });
    expect(opened.status).toBe(200);
    expect([...(await bytesOf(opened))]).toEqual([...photoWithGps]);

    const refused = new FormData();
    refused.append('lang', 'zh-CN');
    refused.append('file', new File([new Uint8Array([0x50, 0x4b, 3, 4])], '协议.pdf'));
    const again = await fetch(`${stack.edgeUrl}/cases/${caseId}/attachments`, { method: 'POST', body: refused, headers, redirect: 'manual' });
    expect(again.status).toBe(422);
    const html = await again.text();
    expect(html).toContain('文件“协议.pdf”名为 PDF，内容却不是 PDF');
    expect(html).toContain('aria-invalid="true"');
  });
});
