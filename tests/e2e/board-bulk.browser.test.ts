import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { accessibilityViolations, desktopContext, launchChromium, phoneContext, screenshot, signIn } from '../support/browser';
import { fileCase, newMarker } from '../support/case-lists';
import { apiAs, caseUntil, testStack, tokenOf } from '../support/stack';

/**
 * The county's command room on the whole stack (Temporal, the case worker, workerd with D1) in a real Chromium: five
 * of Lingyin's new cases and one of Beishan's on the county board, each row naming its station, the totals by
 * station equal to the rows; all six ticked and dispatched to Lingyin's mediator at once, five dispatched and
 * Beishan's refused with its reason.
 */
let stack: Stack;
let browser: Browser;
const marker = newMarker();
let lingyin: { id: string; caseNumber: string }[] = [];
let beishan: { id: string; caseNumber: string };

beforeAll(async () => {
  stack = await testStack();
  await stack.start();
  const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-xh'));
  const open = async (filed: { id: string; caseNumber: string }) => {
    await caseUntil<{ id: string; status: string }>(supervisor, filed.id, (view) => view.status === 'open');
    return filed;
  };
  const gridWorker = apiAs(stack, tokenOf(stack, 'demo-grid-ly'));
  for (let n = 0; n < 5; n++) lingyin.push(await open(await fileCase(gridWorker, marker, (intake) => (intake.riskFlags = []))));
  const otherStation = apiAs(stack, tokenOf(stack, 'demo-grid-bs'));
  beishan = await open(
    await fileCase(otherStation, marker, (intake) => {
      intake.riskFlags = [];
      intake.where.gridCellCode = 'XH-BS-SG-01';
    }),
  );
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Each row's station and overdue mark, and the totals table, as the page shows them. */
async function boardAsShown(page: Page) {
  const rows = await page.locator('tr.case-row').evaluateAll((found) =>
    found.map((row) => ({ station: row.querySelector('[data-station]')?.getAttribute('data-station') ?? '', overdue: row.getAttribute('data-overdue') === '1' })),
  );
  const totals = await page.locator('[data-testid="station-totals"] tbody tr').evaluateAll((found) =>
    found.map((row) => ({
      station: row.getAttribute('data-station') ?? '',
      cases: Number(row.querySelector('[data-total="cases"]')?.textContent),
      overdue: Number(row.querySelector('[data-total="overdue"]')?.textContent),
    })),
  );
  return { rows, totals };
}

describe('the county’s command room', () => {
  it('reads each case’s station on the board, and totals by station equal to the sum of the rows', async () => {
    const page = await (await desktopContext(browser)).newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-supervisor-xh'));
    await page.goto(`${stack.edgeUrl}/board?q=${marker}`);
    const { rows, totals } = await boardAsShown(page);
    expect(rows).toHaveLength(6);
    const summed = new Map<string, { cases: number; overdue: number }>();
    for (const row of rows) {
      const sum = summed.get(row.station) ?? { cases: 0, overdue: 0 };
      summed.set(row.station, { cases: sum.cases + 1, overdue: sum.overdue + (row.overdue ? 1 : 0) });
    }
    expect(Object.fromEntries(totals.map(({ station, ...counts }) => [station, counts]))).toEqual(Object.fromEntries(summed));
    expect(summed.get('XH-LY')?.cases).toBe(5);
    expect(summed.get('XH-BS')?.cases).toBe(1);
    await expect(page.locator(`tr[data-case-number="${beishan.caseNumber}"] [data-station]`).textContent()).resolves.toBe('北山派出所');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('ticks six cases on a phone and dispatches them at once: five go to the mediator, the other station’s is refused with why', async () => {
    const page = await (await phoneContext(browser)).newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-supervisor-xh'));
    await page.goto(`${stack.edgeUrl}/board?q=${marker}`);
    // The chips, the folded filters, the station column and the checkboxes all fit a 390 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await accessibilityViolations(page)).toEqual([]);
    for (const ticked of [...lingyin, beishan]) await page.getByLabel(`选择 ${ticked.caseNumber}`).check();
    await page.getByText('批量派单', { exact: true }).click();
    await page.getByLabel('派给调解员').selectOption('demo-mediator-ly');
    await page.getByRole('button', { name: '把选中的案件派给这位调解员' }).click();
    await page.waitForURL(`${stack.edgeUrl}/board/dispatch`);
    await expect(page.getByTestId('bulk-summary').textContent()).resolves.toBe('派出 5 件，未派出 1 件。');
    for (const dispatched of lingyin) {
      await expect(page.locator(`li[data-case-id="${dispatched.id}"]`).textContent()).resolves.toContain('已派给 赵调解员');
    }
    const refused = page.locator(`li[data-case-id="${beishan.id}"]`);
    await expect(refused.getAttribute('data-result')).resolves.toBe('refused');
    await expect(refused.textContent()).resolves.toContain('这位调解员不负责这件案件所在的辖区');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, 'supervisor-bulk-dispatch');

    // Each case holds its dispatch: the board, back where it was, shows the mediator on the five.
    await page.getByRole('link', { name: '返回超期看板' }).click();
    await page.waitForURL(new RegExp(`/board\\?q=${marker}`));
    for (const dispatched of lingyin) {
      await expect(page.locator(`tr[data-case-number="${dispatched.caseNumber}"] td[data-label="承办人"]`).textContent()).resolves.toContain('赵调解员');
    }
    await page.context().close();
  });
});
