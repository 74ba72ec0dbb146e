import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/stack';
import { launchChromium, phoneContext, screenshot, signIn } from '../support/browser';
import { startOidcProvider } from '../support/oidc-provider';
import { edgeOnlyStack, sessionCookieOf, tokenOf } from '../support/stack';

/**
 * Single sign-on against a real OpenID Connect provider on loopback (the npm package oidc-provider), in a real
 * headless Chromium on the edge in workerd with D1: the county's admin sets the provider up on a page, a mediator
 * links their account at it, and from then on signs in there and lands on their own home.
 */
let stack: Stack;
let browser: Browser;
let provider: Awaited<ReturnType<typeof startOidcProvider>>;

const adminForm = async (fields: Record<string, string>) =>
  fetch(`${stack.edgeUrl}/admin/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.edgeUrl, cookie: await sessionCookieOf(stack, 'demo-admin') },
    body: new URLSearchParams(fields),
  });

beforeAll(async () => {
  ({ stack } = await edgeOnlyStack());
  provider = await startOidcProvider(`${stack.edgeUrl}/login/sso/callback`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await provider?.stop();
  await stack?.stop();
});

/** The provider's own sign-in page, and its consent page when it asks. */
async function signInAtProvider(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === provider.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('whatever the platform asks');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForURL((url) => url.origin !== provider.issuer || url.pathname.includes('interaction'));
  const consent = page.getByRole('button', { name: 'Continue' });
  if (new URL(page.url()).origin === provider.issuer && (await consent.count())) await consent.click();
  await page.waitForURL((url) => url.origin === stack.edgeUrl);
}

describe('single sign-on with the county’s identity platform', () => {
  it('is set up by the county’s admin: a plain-http issuer elsewhere and an unreachable one are refused beside the field', async () => {
    const refused = await adminForm({ name: '浙政钉', issuer: 'http://idp.example.gov.cn', clientId: 'x', clientSecret: 'y', inService: 'on' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('必须以 https:// 开头');
    const unreachable = await adminForm({ name: '浙政钉', issuer: 'http://127.0.0.1:9/oidc', clientId: 'x', clientSecret: 'y', inService: 'on' });
    expect(unreachable.status).toBe(422);
    expect(await unreachable.text()).toContain('无法读取');
    const saved = await adminForm({ name: '浙政钉', issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret, inService: 'on' });
    expect(saved.status).toBe(303);
    const page = await (await fetch(`${stack.edgeUrl}/admin/sign-in`, { headers: { cookie: await sessionCookieOf(stack, 'demo-admin') } })).text();
    expect(page).toContain(`${stack.edgeUrl}/login/sso/callback`);
    expect(page).not.toContain(provider.clientSecret);
    // A station's supervisor is no county admin: the page is not theirs.
    const supervisor = await fetch(`${stack.edgeUrl}/admin/sign-in`, { redirect: 'manual', headers: { cookie: await sessionCookieOf(stack, 'demo-supervisor-ly') } });
    expect(supervisor.status).toBe(403);
  });

  it('a mediator links their platform account, then signs in with it on a phone and lands on their queue', async () => {
    const linking = await (await phoneContext(browser)).newPage();
    await signIn(linking, stack.edgeUrl, tokenOf(stack, 'demo-mediator-ly'));
    await linking.goto(`${stack.edgeUrl}/account/password`);
    await linking.getByRole('button', { name: '关联浙政钉账号' }).click();
    await signInAtProvider(linking, 'zzd-zhao-mediator');
    expect(new URL(linking.url()).pathname).toBe('/account/password');
    await expect(linking.locator('#sso').textContent()).resolves.toContain('已关联浙政钉账号');
    await screenshot(linking, 'sso-linked-phone');

    const fresh = await (await phoneContext(browser)).newPage();
    await fresh.goto(`${stack.edgeUrl}/login`);
    await fresh.getByRole('link', { name: '使用浙政钉登录（西湖分局）' }).click();
    await signInAtProvider(fresh, 'zzd-zhao-mediator');
    expect(new URL(fresh.url()).pathname).toBe('/queue');
    await expect(fresh.getByTestId('signed-in').textContent()).resolves.toContain('赵调解员');
  });

  it('an account nobody linked signs nobody in, and an answer brought back by another browser is not taken', async () => {
    const stranger = await (await phoneContext(browser)).newPage();
    await stranger.goto(`${stack.edgeUrl}/login`);
    await stranger.getByRole('link', { name: '使用浙政钉登录（西湖分局）' }).click();
    await signInAtProvider(stranger, 'zzd-nobody');
    expect(new URL(stranger.url()).pathname).toBe('/login/sso/callback');
    await expect(stranger.getByRole('alert').textContent()).resolves.toContain('还没有关联到本系统的用户');
    expect((await stranger.context().cookies(stack.edgeUrl)).some((cookie) => cookie.name === 'fq_session')).toBe(false);

    const replayed = await fetch(`${stack.edgeUrl}/login/sso/callback?code=stolen&state=not-this-browsers`, { redirect: 'manual' });
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain('不是从这个浏览器发起的');
  });
});
