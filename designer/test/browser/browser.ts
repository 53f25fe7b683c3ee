import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (a browser is never downloaded), headless. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['LATTICE_CHROMIUM'] ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/** Saves what the screen shows to the CI results folder (`LATTICE_TEST_RESULTS/screenshots`), when there is one. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env['LATTICE_TEST_RESULTS'];
  if (!dir) return;
  mkdirSync(join(dir, 'screenshots'), { recursive: true });
  // Element Plus animates checks and menus for 200 ms or so: the picture shows the settled screen.
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(dir, 'screenshots', `${name}.png`) });
}
