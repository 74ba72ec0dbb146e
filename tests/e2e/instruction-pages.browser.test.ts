import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlaPolicy } from '../../domain/policy';
import type { SlaPolicy } from '../../schemas/policy';
import type { Stack } from '../../scripts/stack';
import { desktopContext, heading, launchChromium, phoneContext, screenshot, signIn } from '../support/browser';
import { apiAs, testStack, tokenOf } from '../support/stack';

/**
 * The closed loop through the pages, on the whole stack (Temporal, the batch's workflow, workerd with D1) in a real
 * Chromium: a batch is dispatched, each of its recipients answers their line on a phone with JavaScript off, and the
 * command room sees the batch at 100% feedback with who answered each line.
 */
const policy: SlaPolicy = { ...defaultSlaPolicy, instructionFeedbackWithin: 'PT2H' };

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await testStack({ slaPolicy: policy });
  await stack.start();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type BatchView = { id: string; counts: Record<string, number>; lines: { line: number; instructionId: number }[] };

/** The batch as its supervisor reads it through the API once `done` holds: the workflow dispatches a moment after the upload. */
async function batchUntil(id: string, done: (view: BatchView) => boolean, timeoutMs = 60_000): Promise<BatchView> {
  const supervisor = apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await (await supervisor(`/api/batches/${id}`)).json()) as BatchView;
    if (done(view)) return view;
    if (Date.now() > deadline) throw new Error(`batch ${id} did not get there: ${JSON.stringify(view)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A recipient on a phone without JavaScript: from the navigation to their list, the line's form, and back. */
async function answerOnPhone(userId: string, subject: string, feedback: string, shot: string) {
  const context = await phoneContext(browser, { javaScriptEnabled: false });
  const page: Page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, stack.edgeUrl, tokenOf(stack, userId));
  await page.getByRole('navigation', { name: '主要导航' }).getByRole('link', { name: '核查指令' }).click();
  await page.waitForURL(`${stack.edgeUrl}/instructions`);
  await expect(heading(page)).resolves.toBe('我的核查指令');
  const card = page.getByTestId('open-instructions').locator('li', { hasText: subject });
  await expect(card.locator('li[data-clock="feedback"]').textContent()).resolves.toMatch(/进行中\s*剩余 1 小时 5\d 分钟/);
  await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  await screenshot(page, `${shot}-instructions`, { scripted: false });

  await card.getByRole('link', { name: `反馈：${subject}` }).click();
  await expect(heading(page)).resolves.toBe(subject);
  await page.getByLabel('核查结果').fill(feedback);
  await screenshot(page, `${shot}-answer-form`, { scripted: false });
  await page.getByRole('button', { name: '提交反馈' }).click();
  await page.waitForURL(/\/instructions\?answered=\d+$/);
  await expect(page.getByTestId('recorded').textContent()).resolves.toBe(`已反馈：${subject}。`);
  const answered = page.getByTestId('answered-instructions').locator('li', { hasText: subject });
  await expect(answered.textContent()).resolves.toContain(feedback);
  await expect(page.getByTestId('open-instructions').locator('li', { hasText: subject }).count()).resolves.toBe(0);
  await screenshot(page, `${shot}-answered`, { scripted: false });
  await context.close();
}

describe('a batch answered by its recipients', () => {
  it('is answered line by line on phones, and the supervisor sees it at 100% feedback with who answered each line', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const title = `第 50 周核查 ${tag}`;
    const forGrid = `白乐桥村 40 号 出租房人口核查 ${tag}`;
    const forMediator = `灵隐路 12 号 独居老人反诈走访 ${tag}`;
    const created = await apiAs(stack, tokenOf(stack, 'demo-supervisor-ly'))('/api/batches', {
      method: 'POST',
      body: JSON.stringify({
        batchId: `answered-${tag}`,
        title,
        lines: [
          { kind: 'population', assigneeId: 'demo-grid-ly', subject: forGrid },
          { kind: 'anti_fraud', assigneeId: 'demo-mediator-ly', subject: forMediator, note: '带宣传册' },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as BatchView;
    await batchUntil(id, (view) => view.counts.dispatched === 2);

    await answerOnPhone('demo-grid-ly', forGrid, '已上门核查，实住 3 人，与登记一致', 'grid-worker');
    await answerOnPhone('demo-mediator-ly', forMediator, '已走访，老人已知晓常见骗术，留了宣传册', 'mediator');
    // The same pages with a script running, as axe-core needs: the list with its answered line, and the inbox.
    const scripted = await phoneContext(browser);
    const onPhone = await scripted.newPage();
    await signIn(onPhone, stack.edgeUrl, tokenOf(stack, 'demo-grid-ly'));
    for (const path of ['/instructions', '/inbox']) {
      await onPhone.goto(`${stack.edgeUrl}${path}`);
      await screenshot(onPhone, `grid-worker-${path.slice(1)}-checked`);
    }
    await scripted.close();

    // Counted at once, before the workflow has heard of either answer.
    await expect(batchUntil(id, () => true).then((view) => view.counts.feedbackReceived)).resolves.toBe(2);

    const context = await desktopContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, stack.edgeUrl, tokenOf(stack, 'demo-supervisor-ly'));
    await page.goto(`${stack.edgeUrl}/batches/${encodeURIComponent(id)}`);
    await expect(heading(page)).resolves.toBe(title);
    await expect(page.getByTestId('feedback-rate').textContent()).resolves.toBe('反馈率 100%');
    const line = (n: number) => page.locator(`tr[data-line="${n}"]`);
    await expect(line(1).getAttribute('data-status')).resolves.toBe('answered');
    await expect(line(1).getByTestId('answered-by').textContent()).resolves.toMatch(/^王网格员 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 反馈$/);
    await expect(line(2).getByTestId('answered-by').textContent()).resolves.toMatch(/^赵调解员 于 /);
    await expect(line(2).textContent()).resolves.toContain('已走访，老人已知晓常见骗术');
    await screenshot(page, 'supervisor-batch-answered');
    await context.close();
  });
});
