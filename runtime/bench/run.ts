/**
 * `pnpm bench` in runtime/: quotes per second with the compiled rules,
 * with json-rules-engine on the same rules, and with a hand-written
 * function for the same price; then a tariff simulation over
 * BENCH_SUBSCRIPTIONS subscriptions (default 1,000,000), on one core.
 */
import { benchCatalog, benchCustomers, currentCatalogDocument, draftCatalogDocument } from './bench-catalog.js';
import { benchQuotes } from './quote-bench.js';
import { benchSimulation, benchSubscriptions } from './simulation-bench.js';

const subscriptionCount = Number(process.env['BENCH_SUBSCRIPTIONS'] ?? 1_000_000);

async function main(): Promise<void> {
  const current = benchCatalog(currentCatalogDocument);
  const draft = benchCatalog(draftCatalogDocument);
  const customers = benchCustomers(300_000);

  console.log('\n# Lattice runtime benchmark (one core)\n');
  console.log('## Quotes (one line each, eligibility of 5 discounts, exact to the fen)');
  const quotes = await benchQuotes(draft, benchCatalog(draftCatalogDocument, false), draftCatalogDocument.discounts, customers);
  const row = (label: string, perSecond: number) => console.log(`${label.padEnd(44)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} quotes/s`);
  row('compiled rules (generated code)', quotes.compiledPerSecond);
  row('compiled rules (closures, CSP-safe)', quotes.closuresPerSecond);
  row('json-rules-engine 7.3.1, same rules', quotes.enginePerSecond);
  row('hand-written TypeScript, same price', quotes.handPerSecond);
  row('compiled, full quote with explanation', quotes.explainedPerSecond);
  console.log(`${'compiled / json-rules-engine'.padEnd(44)} ${(quotes.compiledPerSecond / quotes.enginePerSecond).toFixed(0).padStart(11)}×   (aim: 100× or more)`);
  console.log(`${'hand-written / compiled'.padEnd(44)} ${(quotes.handPerSecond / quotes.compiledPerSecond).toFixed(2).padStart(11)}×   (aim: within 3×)`);

  console.log(`\n## Tariff simulation: ${subscriptionCount.toLocaleString('en-US')} subscriptions, current vs draft (a 15% enterprise promotion)`);
  const subscriptions = benchSubscriptions(customers, subscriptionCount);
  const { seconds, result } = benchSimulation(current, draft, subscriptions);
  console.log(`${'simulation time'.padEnd(44)} ${seconds.toFixed(2).padStart(11)} s   (aim: under 10 s)`);
  console.log(`${'revenue current → draft'.padEnd(44)} ${result.current} → ${result.draft} (${result.change})`);
  for (const offering of result.byOffering) console.log(`  ${offering.key.padEnd(42)} ${offering.current} → ${offering.draft} (${offering.change})`);
  console.log(`${'largest change'.padEnd(44)} ${result.topChanges[0]?.customer ?? '-'} ${result.topChanges[0]?.change ?? ''}`);
}

await main();
