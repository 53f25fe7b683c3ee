/**
 * `pnpm --filter @lattice/runtime bench`: the time to fold one hall's
 * effective metadata under 6 layers over 200 entities (aim: under 20 ms),
 * cold and cached, beside a floor measured in the same run: deep copies of
 * the base set, which any fold that does not change its input must pay.
 */
import { compileModel, createBuiltinRegistry, EffectiveMetadataCache, foldLayers } from '../src/index.js';
import { copyJson } from '../src/layers/copy-json.js';
import { BENCH_PATH, benchBase, benchLayers } from './layers-bench-fixture.js';

const entities = Number(process.env['BENCH_ENTITIES'] ?? 200);
const iterations = Number(process.env['BENCH_ITERATIONS'] ?? 200);

function time(label: string, run: (i: number) => unknown): number {
  for (let i = 0; i < 20; i++) run(-1 - i); // warm-up: JIT
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    run(i);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  console.log(`${label.padEnd(52)} p50 ${at(0.5).toFixed(3).padStart(8)} ms   p99 ${at(0.99).toFixed(3).padStart(8)} ms`);
  return at(0.5);
}

const registry = createBuiltinRegistry();
const base = benchBase(entities);
const layers = benchLayers(base);
const path = BENCH_PATH.map((l) => l.key);
const once = foldLayers(base, layers, registry);
if (once.problems.length) throw new Error(`bench layers have problems: ${JSON.stringify(once.problems.slice(0, 3))}`);
const operations = layers.reduce((n, l) => n + l.entities.length * 8, 0);

console.log(`\n# Effective metadata of one hall: ${entities} entities × 16 fields, ${layers.length} layers, ${operations} layer operations\n`);
const floor = time('floor: structuredClone(base set)', () => structuredClone(base));
time('floor: deep copy of the base set (copyJson)', () => copyJson(base));
const cold = time('foldLayers (cold, no cache)', () => foldLayers(base, layers, registry));
const miss = time('cache miss: fold + freeze (new version hash)', (i) =>
  new EffectiveMetadataCache(registry).effectiveFor({ hash: `v${i}`, base, layers: new Map(layers.map((l) => [l.key, l])) }, path),
);
const cache = new EffectiveMetadataCache(registry);
const version = { hash: 'v1', base, layers: new Map(layers.map((l) => [l.key, l])) };
cache.effectiveFor(version, path);
time('cache hit (same version and path)', () => cache.effectiveFor(version, path));
time('for scale: compileModel of the effective set', () => compileModel(once.set, registry));
console.log(`\nfold / structuredClone floor (p50): ${(cold / floor).toFixed(2)}×   cache miss / floor: ${(miss / floor).toFixed(2)}×   (aim: a fold under 20 ms)`);
console.log(`cache: ${JSON.stringify(cache.stats)}`);
