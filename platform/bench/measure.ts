/** Latency and throughput of an async operation run by `concurrency` workers for `iterations` calls in all. */
export interface Measurement {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

/** `warmUp` calls (default 50, on i = 0, 1, …) run first, untimed: JIT, caches, connections. */
export async function measure(label: string, iterations: number, concurrency: number, operation: (i: number) => Promise<unknown>, warmUp = 50): Promise<Measurement> {
  for (let i = 0; i < Math.min(warmUp, iterations); i++) await operation(i);
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < iterations) {
        const i = next++;
        const t0 = performance.now();
        await operation(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { label, requestsPerSecond: iterations / seconds, p50: at(0.5), p99: at(0.99) };
}

export function formatRow(m: Measurement): string {
  return `${m.label.padEnd(52)} ${m.requestsPerSecond.toFixed(0).padStart(7)} req/s   p50 ${m.p50.toFixed(2).padStart(7)} ms   p99 ${m.p99.toFixed(2).padStart(7)} ms`;
}
