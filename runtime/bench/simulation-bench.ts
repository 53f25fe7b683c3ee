import { simulateTariff, type SimulatedSubscription, type SimulationResult } from '../src/simulation/simulate-tariff.js';
import type { CompiledTariffCatalog } from '../src/tariffs/compiled-tariff-catalog.js';
import type { BenchCustomer } from './bench-catalog.js';

const OFFERINGS = ['mobile_199', 'mobile_199', 'mobile_199', 'broadband_300m', 'iptv_basic'];

/** Subscriptions with a month of usage, spread over the customers (built before timing starts). */
export function benchSubscriptions(customers: readonly BenchCustomer[], count: number): SimulatedSubscription[] {
  return Array.from({ length: count }, (_, index) => {
    const customer = customers[index % customers.length] as BenchCustomer;
    return {
      customer: customer.id,
      offering: OFFERINGS[(index * 7) % OFFERINGS.length] as string,
      region: customer.city,
      orgUnitPath: ['hq', 'sichuan', customer.city],
      customerFacts: customer.facts,
      usage: { voice: 600 + ((index * 13) % 900), data: 20_000 + ((index * 31) % 25_000) },
    };
  });
}

export function benchSimulation(current: CompiledTariffCatalog, draft: CompiledTariffCatalog, subscriptions: readonly SimulatedSubscription[]): { seconds: number; result: SimulationResult } {
  const start = performance.now();
  const result = simulateTariff({ current, draft, subscriptions, date: '2026-12-01', top: 10 });
  return { seconds: (performance.now() - start) / 1000, result };
}
