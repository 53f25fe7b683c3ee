import { performance } from 'node:perf_hooks';
import type { Browser, Page, Request } from 'playwright-core';
import { startExamplePlatform } from '../test/browser/platform-process.js';
import { recordApi } from '../test/browser/record-api.js';

/** The telecom example's HQ admin (examples/telecom-crm/org/org.yaml): every customer is in their scope. */
const HQ = { login: 'hq.admin', password: 'Lattice-hq-2026' };
const PAGE_SIZE = 50;
const SAMPLES = 15;
/** The console's default order (the records' ids) and a sort by name, a column the example does not index. */
const VIEWS = [
  { name: 'Bench 50 rows, default order', sort: null },
  { name: 'Bench 50 rows, by name', sort: [{ field: 'name', direction: 'asc' }] },
] as const;

export interface ListBench {
  total: number;
  pageSize: number;
  seedMs: number;
  views: ViewBench[];
}

export interface ViewBench {
  view: string;
  samples: number;
  clickToRowsMs: number;
  minMs: number;
  maxMs: number;
  /** The next-page request as the browser timed it (resource timing), for the same clicks. */
  requestMs: number;
  /** Click to rows less the request, per click: what the console itself spends (building the query, rendering the table). */
  consoleMs: number;
  /** The same request sent again from Node with the same token: the API's own time without the browser. */
  apiMs: number;
  /** From opening the view to its first page shown, with the count of all rows. */
  openMs: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * A list page of 50 rows over the seeded customers, in Chromium against the
 * real platform (the built CLI on PGlite with the telecom example, as
 * `npm start` runs it): from the click on *next* to the new rows in the
 * table, beside the time of the request that click sent. LATTICE_BENCH_DATA_DIR
 * keeps the seeded database between runs (seeding 100,000 takes minutes).
 */
export async function benchListPage(browser: Browser, customers: number): Promise<ListBench> {
  const seedStart = performance.now();
  const kept = process.env['LATTICE_BENCH_DATA_DIR'];
  const platform = await startExamplePlatform(customers, kept ? { LATTICE_DATA_DIR: kept } : {});
  const seedMs = performance.now() - seedStart;
  try {
    const api = (query: string, variables: Record<string, unknown> = {}) => recordApi(platform.url, HQ, query, variables);
    // The HQ admin's own views of 50 rows (the console pages by the view's size).
    const { savedViews } = await api('query { savedViews(entity: "Customer") { id name } }');
    for (const view of VIEWS) {
      if (savedViews.some((v: { name: string }) => v.name === view.name)) continue;
      await api('mutation($input: SavedViewInput!) { saveView(entity: "Customer", input: $input) { id } }', { input: { name: view.name, columns: ['name', 'customerCode', 'customerType', 'customerClass', 'phone', 'valueTier'], filter: null, sort: view.sort, pageSize: PAGE_SIZE } });
    }
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en-US' })).newPage();
    await signIn(page, platform.url);
    await page.goto(`${platform.url}/records/Customer`);
    await page.locator('[data-test=list]').waitFor();
    const views: ViewBench[] = [];
    for (const view of VIEWS) views.push(await benchView(page, platform.url, view.name));
    // Counted with the views' first pages.
    const total = Number((await page.locator('[data-test=total]').innerText()).replace(/\D/g, ''));
    return { total, pageSize: PAGE_SIZE, seedMs, views };
  } finally {
    await platform.stop();
  }
}

const rowsShown = (size: number) => document.querySelectorAll('[data-test=rows] .el-table__body-wrapper tbody tr').length === size && document.querySelector('[data-test=list]')?.getAttribute('aria-busy') === 'false';

/** One view: opened from the view choice, then paged forward, each click timed in the page; then its request again from Node. */
async function benchView(page: Page, url: string, view: string): Promise<ViewBench> {
  await page.waitForFunction(() => document.querySelector('[data-test=list]')?.getAttribute('aria-busy') === 'false');
  const openStart = performance.now();
  await page.locator('[data-test=view-choice]').click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^\\s*${view}\\s*$`) }).click();
  await page.waitForFunction(rowsShown, PAGE_SIZE);
  const openMs = performance.now() - openStart;
  const clicks: number[] = [];
  const requests: number[] = [];
  const own: number[] = [];
  let sent: { body: string; authorization: string } | undefined;
  const listen = (request: Request) => {
    if (request.url().endsWith('/graphql') && request.postData()?.includes('query List')) sent = { body: request.postData()!, authorization: request.headers()['authorization'] ?? '' };
  };
  page.on('request', listen);
  for (let i = 0; i < SAMPLES + 2; i++) {
    const timed = await page.evaluate(nextPageTimed, PAGE_SIZE);
    // The first two warm the route's code and the table's column layout.
    if (i >= 2) {
      clicks.push(timed.clickToRowsMs);
      requests.push(timed.requestMs);
      own.push(timed.clickToRowsMs - timed.requestMs);
    }
  }
  page.off('request', listen);
  if (!sent) throw new Error('the next page sent no list request');
  const replays: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now();
    const answer = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: sent.authorization }, body: sent.body });
    const json = (await answer.json()) as { errors?: unknown; data?: { rows: { nodes: unknown[] } } };
    if (json.errors || json.data?.rows.nodes.length !== PAGE_SIZE) throw new Error(`the list request failed: ${JSON.stringify(json.errors)}`);
    replays.push(performance.now() - start);
  }
  return { view, samples: SAMPLES, clickToRowsMs: median(clicks), minMs: Math.min(...clicks), maxMs: Math.max(...clicks), requestMs: median(requests), consoleMs: median(own), apiMs: median(replays), openMs };
}

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel('Login').fill(HQ.login);
  await page.getByLabel('Password', { exact: true }).fill(HQ.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page.waitForURL((u) => u.pathname === '/');
}

/**
 * In the page: click *next*, then watch each frame until the table holds the
 * next page's rows (another first record, the full page, the list no longer
 * busy); the time of the list request from its resource timing.
 */
async function nextPageTimed(size: number): Promise<{ clickToRowsMs: number; requestMs: number }> {
  const firstRecord = () => document.querySelector<HTMLAnchorElement>('[data-test=rows] .el-table__body-wrapper [data-test=open-record]')?.href;
  const rows = () => document.querySelectorAll('[data-test=rows] .el-table__body-wrapper tbody tr').length;
  const before = firstRecord();
  // The buffer holds 250 entries: emptied, it keeps this click's request.
  performance.clearResourceTimings();
  const start = performance.now();
  document.querySelector<HTMLButtonElement>('[data-test=page-next]')!.click();
  const shown = await new Promise<number>((resolve) => {
    const check = () => (firstRecord() !== before && rows() === size && document.querySelector('[data-test=list]')?.getAttribute('aria-busy') === 'false' ? resolve(performance.now()) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  });
  const request = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/graphql') && e.startTime >= start).at(-1);
  return { clickToRowsMs: shown - start, requestMs: request?.duration ?? Number.NaN };
}
