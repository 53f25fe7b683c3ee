/**
 * The benchmark's yardstick: the monthly bill of one line under the draft
 * catalog, written by hand as a developer would without rules or metadata
 * (the same figures as bench-catalog.ts, in fen). It must agree with the
 * compiled catalog on every request the benchmark makes.
 */
export interface HandRequest {
  readonly offering: string;
  readonly city: string;
  readonly usage: { readonly voice: number; readonly data: number };
  readonly facts: { readonly segment: string; readonly lineCount: number; readonly since: string; readonly creditClass: string; readonly tags: readonly string[] };
}

const share = (fen: number, millionths: number) => {
  const product = fen * millionths;
  const remainder = product % 1_000_000;
  return (product - remainder) / 1_000_000 + (remainder >= 500_000 ? 1 : 0);
};

export function handPricedBill(request: HandRequest): number {
  const { facts } = request;
  const loyal = facts.since <= '2023-12-01' && (facts.creditClass === 'A' || facts.creditClass === 'B');
  if (request.offering === 'mobile_199') {
    let fee = 19_900;
    if (facts.segment === 'staff') {
      fee = 9_900;
    } else {
      let off = loyal ? share(19_900, 200_000) : 0;
      if (facts.segment === 'enterprise' && facts.lineCount >= 50) off += Math.min(share(19_900, 150_000), Math.max(0, share(19_900, 300_000) - off));
      fee -= off;
    }
    const freeData = facts.tags.includes('vip') ? 10_240 : 0;
    const voice = Math.max(0, request.usage.voice - 1000) * 15;
    const data = Math.max(0, request.usage.data - 30_720 - freeData) * 3;
    return fee + voice + data;
  }
  if (request.offering === 'broadband_300m') {
    const price = request.city === 'chengdu' ? 8_900 : 9_900;
    let off = loyal ? share(price, 200_000) : 0;
    if (facts.since > '2026-06-01' || !facts.tags.includes('loyal')) off += Math.min(1_000, price - off);
    return price - off;
  }
  return loyal ? 2_000 - share(2_000, 200_000) : 2_000;
}
