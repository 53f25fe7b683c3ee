import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateFormula } from '@lattice/runtime';
import { dataOf, startTestPlatform, type TestPlatform } from '../support/test-platform.js';
import { publishReviewed } from '../support/crm-seed.js';

/** Formulas over every operand type and function, stored as generated columns. */
const FORMULAS: Record<string, string> = {
  lineTotal: 'quantity * unitPrice',
  discounted: 'round(unitPrice * (1 - rate), 2)',
  perLine: 'unitPrice / quantity',
  ratio: 'unitPrice / fee',
  label: "concat(upper(code), '-', quantity, ' ', unitPrice)",
  codeLength: 'len(code)',
  big: 'if(unitPrice >= 100 && active, true, false)',
  anyFlag: 'active || quantity > 5',
  safeQuantity: 'coalesce(quantity, 0) + 1',
  tenure: 'daysBetween(startDate, endDate)',
  startYear: 'year(startDate) * 100 + month(startDate)',
  negated: '-abs(unitPrice - fee)',
  lower: "if(code == 'ABC', lower(code), null)",
};

const ENTITY = {
  kind: 'entity',
  key: 'priced_line',
  name: 'PricedLine',
  fields: [
    { key: 'code', name: 'code', type: 'text', maxLength: 20 },
    { key: 'quantity', name: 'quantity', type: 'integer' },
    { key: 'unit_price', name: 'unitPrice', type: 'money' },
    { key: 'fee', name: 'fee', type: 'money' },
    { key: 'rate', name: 'rate', type: 'decimal', precision: 6, scale: 4 },
    { key: 'active', name: 'active', type: 'boolean' },
    { key: 'start_date', name: 'startDate', type: 'date' },
    { key: 'end_date', name: 'endDate', type: 'date' },
    ...Object.entries(FORMULAS).map(([name, expression]) => ({ key: name.toLowerCase(), name, type: 'formula', expression })),
  ],
};

/** A deterministic mix of ordinary, edge and empty values (nulls, zeros, negatives, fractions of a fen in rates). */
function records(count: number): Record<string, unknown>[] {
  let state = 7;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2147483648), state % n);
  const pick = <T>(values: T[]): T => values[next(values.length)] as T;
  return Array.from({ length: count }, () => ({
    code: pick(['ABC', 'x', '成都', '', null, 'Mixed']),
    quantity: pick([0, 1, 3, 7, -2, null, 1000]),
    unitPrice: pick(['0.00', '0.10', '19.90', '199.00', '-5.55', null, '99999.99']),
    fee: pick(['0.00', '0.20', '59.00', null]),
    rate: pick(['0.1500', '0.3333', '0', '1', null]),
    active: pick([true, false, null]),
    startDate: pick(['2020-02-29', '2026-01-31', null]),
    endDate: pick(['2026-11-25', '2020-03-01', null]),
  }));
}

describe('formulas: the stored value equals the runtime evaluation', () => {
  let lattice: TestPlatform;
  beforeAll(async () => {
    lattice = await startTestPlatform();
    dataOf(await publishReviewed(lattice.admin, { entities: [ENTITY] }));
  });
  afterAll(async () => {
    await lattice?.stop();
  });

  it('computes every formula in Postgres exactly as evaluateFormula does in JavaScript, nulls included', async () => {
    const inputs = records(120);
    const fields = ['id', ...ENTITY.fields.map((f) => f.name)].join(' ');
    const created = dataOf(await lattice.records(`mutation($i: [PricedLineCreateInput!]!) { createPricedLines(inputs: $i) { ${fields} } }`, { i: inputs })).createPricedLines;
    const entity = lattice.live.current.model.entityByName('PricedLine')!;
    let compared = 0;
    for (const record of created) {
      for (const name of Object.keys(FORMULAS)) {
        const field = entity.fieldByName(name)!;
        expect({ name, record: { ...record, [name]: undefined }, value: record[name] }).toEqual({ name, record: { ...record, [name]: undefined }, value: evaluateFormula(field.formula!.ast, record) });
        compared++;
      }
    }
    expect(compared).toBe(120 * Object.keys(FORMULAS).length);
  });

  it('filters and sorts by a formula like by any stored field', async () => {
    const page = dataOf(await lattice.records(`{ pricedLines(filter: { lineTotal: { gte: "1000.00" } }, orderBy: [{ field: lineTotal, direction: DESC }], first: 3) { nodes { lineTotal } } }`)).pricedLines.nodes;
    expect(page.length).toBeGreaterThan(0);
    const totals = page.map((n: { lineTotal: string }) => Number(n.lineTotal));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(totals.every((t: number) => t >= 1000)).toBe(true);
  });
});
