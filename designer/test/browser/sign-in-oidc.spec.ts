import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestProvider, type TestProvider } from '../../../platform/test/support/oidc-test-provider.js';
import { freePort, startExamplePlatform, type RunningPlatform } from './platform-process.js';
import { launchChromium, screenshot } from './browser.js';

// The provider's account "emp-0042" is the Wuhou counter operator by preferred_username (examples/telecom-crm/org/org.yaml).
const ACCOUNT = 'emp-0042';
const OPERATOR = 'wh.counter';

let provider: TestProvider;
let platform: RunningPlatform;
let browser: Browser;
const scriptErrors: string[] = [];

async function newPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Uncaught/.test(message.text()) && page.url().startsWith(platform.url)) scriptErrors.push(message.text());
  });
  return page;
}

beforeAll(async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  provider = await startTestProvider(`${url}/auth/oidc/callback`, { [ACCOUNT]: OPERATOR });
  platform = await startExamplePlatform(50, {
    PORT: String(port),
    LATTICE_OIDC_ISSUER: provider.issuer,
    LATTICE_OIDC_CLIENT_ID: provider.clientId,
    LATTICE_OIDC_CLIENT_SECRET: provider.clientSecret,
    LATTICE_OIDC_REDIRECT_URI: `${url}/auth/oidc/callback`,
    LATTICE_OIDC_POST_SIGN_IN_URL: `${url}/sign-in`,
    LATTICE_OIDC_AUTO_LINK: 'preferred_username',
    LATTICE_OIDC_ALLOW_INSECURE_HTTP: 'true',
    LATTICE_OIDC_SCOPE: 'openid profile',
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
  await provider?.close();
});

describe('sign-in with OpenID Connect, in Chromium, against a real provider', () => {
  it('offers the organisation\'s sign-in, goes through the provider and arrives signed in as the linked user', async () => {
    const page = await newPage();
    await page.goto(`${platform.url}/sign-in`);
    const button = page.locator('[data-test=sign-in-oidc]');
    await button.waitFor();
    expect(await button.innerText()).toBe("Sign in with your organisation's account");
    await screenshot(page, 'sign-in-oidc');
    await button.click();
    // The provider's own screens: its login, then its consent.
    await page.waitForURL((u) => u.href.startsWith(provider.issuer));
    await page.locator('input[name=login]').fill(ACCOUNT);
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('button[type=submit]').click();
    await page.waitForURL((u) => u.href.startsWith(platform.url) && u.pathname === '/');
    await page.locator('[data-test=viewer-name]').waitFor();
    expect(await page.locator('[data-test=viewer-unit]').innerText()).toContain('Counter operator');
    // The one-time code is off the address bar, and the session works for the record API.
    expect(page.url()).not.toContain('code=');
    await page.locator('[data-test=nav-Customer]').click();
    await page.waitForFunction(() => document.querySelector('[data-test=list]')?.getAttribute('aria-busy') === 'false');
    expect(await page.locator('[data-test=total]').innerText()).toMatch(/\d/);
    expect(await page.locator('[data-test=list-error]').count()).toBe(0);
    await screenshot(page, 'signed-in-oidc');
    expect(scriptErrors).toEqual([]);
  });

  it('says a used or made-up code did not finish, and keeps the password form', async () => {
    const page = await newPage();
    await page.goto(`${platform.url}/sign-in#code=not-a-code-0123456789`);
    const error = page.locator('[data-test=sign-in-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain("The sign-in with your organisation's account did not finish");
    expect(page.url()).not.toContain('code=');
    expect(await page.getByLabel('Login').count()).toBe(1);
    await screenshot(page, 'sign-in-oidc-failed');
  });

  it('shows the counter operator no designer link, and /design a page that says why', async () => {
    const page = await newPage();
    await page.goto(`${platform.url}/sign-in`);
    await page.getByLabel('Login').fill(OPERATOR);
    await page.getByLabel('Password', { exact: true }).fill('Lattice-wh-2026');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await page.locator('[data-test=viewer-name]').waitFor();
    expect(await page.locator('[data-test=to-designer]').count()).toBe(0);
    await page.goto(`${platform.url}/design`);
    const refused = page.locator('[data-test=design-refused]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('The designer is not open to you');
    expect(await page.locator('[data-test^=design-nav-]').count()).toBe(0);
    await screenshot(page, 'designer-refused');
    await refused.getByRole('button', { name: 'Console' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(scriptErrors).toEqual([]);
  });
});
