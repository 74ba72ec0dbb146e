import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import type { Page } from 'playwright-core';
import { desktopContext, edgeAndChromium, heading, phoneContext, screenshot, signIn } from '../support/browser';
import { fileCase, newMarker } from '../support/case-lists';
import { postReport, workflowReport } from '../support/reports';
import { apiAs, tokenOf } from '../support/stack';

/**
 * A command room uploads the sheets a county keeps in Excel, in a real headless Chromium on the edge in workerd with
 * D1: a GBK CSV and an xlsx, both with Chinese headers and assignees by name. The preview shows every subject in
 * Chinese as it was typed and writes nothing; the confirmation writes the batch. Beside it, the month's ranking on the
 * dashboard, read on a phone and a desktop, its cases resolved by signed reports as their workflow would send them.
 */
const running = edgeAndChromium();

describe('a batch uploaded from Excel through the supervisor’s pages', () => {
  it('a GBK CSV and an xlsx with Chinese headers preview in correct Chinese, and only the confirmation writes them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fengqiao-batch-'));
    const csvFile = join(folder, '第49周核查.csv');
    writeFileSync(csvFile, iconv.encode(['类别,承办人,核查对象,说明', '人口核查,王网格员,白乐桥村 60 号 出租房人口核查,', '反诈走访,赵调解员,灵隐路 9 号 独居老人反诈走访,带宣传册', '单位核查,李四,北高峰茶室,'].join('\r\n'), 'gbk'));
    const xlsxFile = join(folder, '第49周单位核查.xlsx');
    const sheet = [
      ['类别', '承办人', '承办人辖区', '核查对象'].map((value) => ({ value })),
      ['场所核查', '王网格员', '白乐桥村', '白乐桥村 61 号 民宿'].map((value) => ({ value })),
    ];
    writeFileSync(xlsxFile, new Uint8Array(await (await writeXlsxFile(sheet).toBlob()).arrayBuffer()));
    const supervisor = apiAs(running.stack, tokenOf(running.stack, 'demo-supervisor-ly'));
    const batchCount = async () => ((await (await supervisor('/api/batches?limit=200')).json()) as { rows: unknown[] }).rows.length;
    const before = await batchCount();

    const page = await (await desktopContext(running.browser)).newPage();
    await signIn(page, running.stack.edgeUrl, tokenOf(running.stack, 'demo-supervisor-ly'));
    await page.goto(`${running.stack.edgeUrl}/batches`);
    await page.getByLabel('选择文件（CSV 或 Excel）').setInputFiles(csvFile);
    await page.getByRole('button', { name: '上传并预览' }).click();

    expect(await heading(page)).toBe('核对后再下发');
    expect(await page.getByTestId('batch-preview-summary').textContent()).toContain('共 3 行：2 行将下发，0 行将登记为案件，1 行不能受理');
    expect(await page.locator('tr[data-line="2"]').textContent()).toContain('白乐桥村 60 号 出租房人口核查');
    expect(await page.locator('tr[data-line="3"]').textContent()).toContain('灵隐路 9 号 独居老人反诈走访');
    expect(await page.locator('tr[data-line="4"]').textContent()).toContain('辖区内没有名叫“李四”的网格员或调解员');
    expect(await page.getByTestId('batch-preview').textContent()).not.toContain('\uFFFD');
    await screenshot(page, 'batch-preview-gbk-desktop');
    expect(await batchCount()).toBe(before);

    await page.getByRole('button', { name: '确认下发' }).click();
    await page.waitForURL(/\/batches\/[^/]+$/);
    expect(await page.getByTestId('batch-counts').textContent()).toContain('未受理');
    expect(await batchCount()).toBe(before + 1);

    await page.goto(`${running.stack.edgeUrl}/batches`);
    await page.getByLabel('选择文件（CSV 或 Excel）').setInputFiles(xlsxFile);
    await page.getByRole('button', { name: '上传并预览' }).click();
    expect(await page.getByTestId('batch-preview-summary').textContent()).toContain('共 1 行：1 行将下发');
    const row = await page.locator('tr[data-line="2"]').textContent();
    expect(row).toContain('白乐桥村 61 号 民宿');
    expect(row).toContain('王网格员（白乐桥村）');
    await screenshot(page, 'batch-preview-xlsx-desktop');
    await page.getByRole('button', { name: '确认下发' }).click();
    await page.waitForURL(/\/batches\/[^/]+$/);
    expect(await batchCount()).toBe(before + 2);
  });
});

/** Each text of a chart as drawn, and how far it runs past the drawing or the screen (0 when it lies within both). */
const overrunsOf = (page: Page, chart: string) =>
  page.locator(`[data-chart="${chart}"] svg`).evaluate((svg) => {
    const drawing = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].map((text) => {
      const box = text.getBoundingClientRect();
      return { text: text.textContent, overrun: Math.max(0, drawing.left - box.left, box.right - Math.min(drawing.right, window.innerWidth)) };
    });
  });

describe('the month’s ranking on the dashboard', () => {
  it('reads whole on a 390-px phone and on a desktop: no name or figure runs past the chart', async () => {
    const mediator = { id: 'demo-mediator-ly', name: '赵调解员' };
    const gridWorker = apiAs(running.stack, tokenOf(running.stack, 'demo-grid-ly'));
    for (let n = 0; n < 3; n++) {
      const filed = await fileCase(gridWorker, newMarker());
      const resolved = workflowReport(1, { projection: { status: 'resolved', outcome: 'agreement', order: 'accepted', assigneeId: mediator.id }, progress: { assignee: mediator } });
      expect((await postReport(running.stack.edgeUrl, filed.id, resolved, running.stack.options.internalSecret)).status).toBe(200);
    }
    for (const [name, context] of [
      ['phone', await phoneContext(running.browser)],
      ['desktop', await desktopContext(running.browser)],
    ] as const) {
      const page = await context.newPage();
      await signIn(page, running.stack.edgeUrl, tokenOf(running.stack, 'demo-supervisor-ly'));
      await page.goto(`${running.stack.edgeUrl}/dashboard`);
      const ranked = page.locator('[data-chart="ranking"] g.bar[data-label="第 1 名 赵调解员"]');
      expect(await ranked.locator('text.bar-value').textContent()).toBe('100%（化解 3，在办 0）');
      const texts = await overrunsOf(page, 'ranking');
      expect(texts.map((text) => text.text)).toEqual(['第 1 名 赵调解员', '100%（化解 3，在办 0）']);
      expect(texts.filter((text) => text.overrun > 0.5), name).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(name === 'phone' ? 390 : 1280);
      await screenshot(page, `supervisor-dashboard-ranking-${name}`);
      await context.close();
    }
  });
});
