/* global window */
// The console's benchmarks, in Debian's Chromium (never a downloaded browser): `pnpm bench` at the root runs them
// after building bench/form-bench.html. Each figure is printed beside a reference measured in the same run.
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** The built bench page, served over HTTP on a loopback port (module scripts do not load from file://). */
function serve(root) {
  const server = createServer((req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root) || !existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What the first page load fetches: the entry script and every module it preloads, gzipped as the platform sends them. */
function firstLoad(dist) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const size = (kind) => files.filter((f) => f.endsWith(kind)).reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0);
  return { js: size('.js'), css: size('.css'), files: files.length };
}

const server = await serve(join(here, 'dist'));
const browser = await chromium.launch({ executablePath: process.env.LATTICE_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/form-bench.html`);
  await page.waitForFunction(() => window.benchResults || window.benchError, null, { timeout: 300_000 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(error);
  const r = await page.evaluate(() => window.benchResults);
  const ms = (n) => `${n.toFixed(2)} ms`;
  console.log('Console benchmarks (Chromium)');
  console.log(`  first render of a 200-field form (compile, logic, widgets): ${ms(r.formRenderMs)} median (aim < 150 ms), of which compiling the form ${ms(r.compileMs)}; 200 plain inputs: ${ms(r.plainRenderMs)}`);
  console.log(`  re-evaluating its ${r.conditionCount} conditions on a keystroke (evaluateForm): ${ms(r.keystrokeMs)} median (aim < 5 ms); the same checks by hand: ${ms(r.byHandMs)}`);
  const dist = join(here, '..', 'dist');
  if (existsSync(join(dist, 'index.html'))) {
    const load = firstLoad(dist);
    console.log(`  first page load: ${(load.js / 1024).toFixed(0)} KB of JavaScript gzipped (aim < 400 KB), ${(load.css / 1024).toFixed(0)} KB of CSS, ${load.files} files`);
  } else console.log('  first page load: build the console first (pnpm -r run build)');
} finally {
  await browser.close();
  server.close();
}
