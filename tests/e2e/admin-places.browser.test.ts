import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { desktopContext, edgeAndChromium, heading, phoneContext, screenshot, signIn } from '../support/browser';
import { tokenOf } from '../support/stack';

/**
 * An admin imports grid cells on a phone from the GBK CSV Excel saves, in a real headless Chromium on the edge in
 * workerd with D1: the preview shows each rejected row with its reason, and only the confirmation writes the rest.
 */
const running = edgeAndChromium();

describe('importing grid cells through the admin’s pages', () => {
  it('a GBK CSV shows its rejected rows and reasons on a phone, then writes the rest once confirmed', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fengqiao-import-')), '网格清单.csv');
    const csv = ['网格编码,网格名称,所属社区编码', 'XH-LY-BLQ-05,白乐桥村第五网格,XH-LY-BLQ', 'XH-LY-BLQ-01,白乐桥村第一网格,XH-LY-BLQ', 'XH-LY-09,灵隐网格,XH-LY'].join('\r\n');
    writeFileSync(file, iconv.encode(csv, 'gbk'));

    const phone = await phoneContext(running.browser);
    const page = await phone.newPage();
    await signIn(page, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    await page.getByRole('link', { name: '辖区管理' }).first().click();
    expect(await heading(page)).toBe('辖区管理');
    await screenshot(page, 'admin-places-phone');
    await page.getByRole('link', { name: '导入网格' }).first().click();
    await page.getByLabel('文件').setInputFiles(file);
    await page.getByRole('button', { name: '预览' }).click();

    expect(await heading(page)).toBe('导入预览');
    expect(await page.getByTestId('preview-lead').textContent()).toContain('1 行将导入，2 行不能导入');
    expect(await page.locator('tr[data-line="3"]').textContent()).toContain('网格编码已被使用');
    expect(await page.locator('tr[data-line="4"]').textContent()).toContain('上级不是社区');
    await screenshot(page, 'admin-places-import-preview-phone');
    // Nothing is written before the confirmation: the tree, opened beside the preview, has no new cell yet.
    const desk = await (await desktopContext(running.browser)).newPage();
    await signIn(desk, running.stack.edgeUrl, tokenOf(running.stack, 'demo-admin'));
    await desk.goto(`${running.stack.edgeUrl}/admin/places`);
    expect(await desk.getByTestId('place-tree').textContent()).not.toContain('XH-LY-BLQ-05');

    await page.getByRole('button', { name: '确认导入 1 个网格' }).click();
    expect(await page.getByRole('status').textContent()).toContain('已导入 1 个网格');
    expect(await page.locator('li[data-place="XH-LY-BLQ-05"]').first().textContent()).toContain('白乐桥村第五网格');
    await desk.reload();
    expect(await desk.getByTestId('place-tree').textContent()).toContain('XH-LY-BLQ-05');
    await screenshot(desk, 'admin-places-desktop');
  });
});
