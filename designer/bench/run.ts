// The console's benchmarks, in Debian's Chromium (never a downloaded browser): `pnpm bench` at the root runs them
// after building bench/form-bench.html. Each figure is printed beside a reference measured in the same run.
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/browser/browser.js';
import { benchListPage } from './list-bench.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
/** BENCH_ONLY=form skips the list page (it starts the platform and seeds BENCH_CUSTOMERS customers); BENCH_ONLY=list runs it alone. */
const only = process.env['BENCH_ONLY'];
const customers = Number(process.env['BENCH_CUSTOMERS'] ?? 100_000);

interface FormBenchResults { formRenderMs: number; compileMs: number; plainRenderMs: number; conditionCount: number; keystrokeMs: number; byHandMs: number; focusMs: number }

/** The built bench page, served over HTTP on a loopback port (module scripts do not load from file://). */
function serve(root: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What the first page load fetches: the entry script and every module it preloads, gzipped as the platform sends them. */
function firstLoad(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const size = (kind: string) => files.filter((f) => f.endsWith(kind)).reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { js: size('.js'), css: size('.css'), files: files.length };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const browser = await launchChromium();
try {
  console.log('Console benchmarks (Chromium)');
  if (only !== 'list') {
    const server = await serve(join(here, 'dist'));
    try {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/form-bench.html`);
      await page.waitForFunction(() => (window as any).benchResults || (window as any).benchError, null, { timeout: 300_000 });
      const error = await page.evaluate(() => (window as any).benchError as string | undefined);
      if (error) throw new Error(error);
      const r = await page.evaluate(() => (window as any).benchResults as FormBenchResults);
      console.log(`  first render of a 200-field form (compile, logic, widgets): ${ms(r.formRenderMs)} median (aim < 150 ms), of which compiling the form ${ms(r.compileMs)}; 200 plain inputs: ${ms(r.plainRenderMs)}`);
      console.log(`  a select of that form reached by Tab (its Element Plus widget mounted and focused): ${ms(r.focusMs)} median`);
      console.log(`  re-evaluating its ${r.conditionCount} conditions on a keystroke (evaluateForm): ${ms(r.keystrokeMs)} median (aim < 5 ms); the same checks by hand: ${ms(r.byHandMs)}`);
    } finally {
      server.close();
    }
    const dist = join(here, '..', 'dist');
    if (existsSync(join(dist, 'index.html'))) {
      const load = firstLoad(dist);
      console.log(`  first page load: ${(load.js / 1024).toFixed(0)} KB of JavaScript gzipped (aim < 400 KB), ${(load.css / 1024).toFixed(0)} KB of CSS, ${load.files} files`);
    } else console.log('  first page load: build the console first (pnpm -r run build)');
  }
  if (only !== 'form') {
    const r = await benchListPage(browser, customers);
    for (const v of r.views) {
      console.log(`  list page of ${r.pageSize} rows over ${r.total.toLocaleString('en')} customers (${v.view}), next page from click to rows shown: ${ms(v.clickToRowsMs)} median of ${v.samples} (${ms(v.minMs)}–${ms(v.maxMs)}; aim < 300 ms); the request's own time: ${ms(v.requestMs)} in the browser, ${ms(v.apiMs)} sent again from Node; the console's own part: ${ms(v.consoleMs)}; opening the view: ${ms(v.openMs)}`);
    }
    console.log(`  (the platform with ${customers.toLocaleString('en')} customers was ready in ${(r.seedMs / 1000).toFixed(0)} s)`);
  }
} finally {
  await browser.close();
}
