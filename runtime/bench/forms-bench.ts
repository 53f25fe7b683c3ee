/**
 * `pnpm --filter @lattice/runtime bench`: checkRecordWrite on a 200-field
 * form with 50 conditions (20 visibility, 10 required, 10 read-only, 10
 * cross-field checks), updating 20 fields of a stored record (aim: under
 * 1 ms per call), beside the same checks written by hand over the same
 * decoding (`decodeRecordInput`), so the difference is what the form
 * logic and the pipeline cost.
 */
import { checkRecordWrite, compileModel, createBuiltinRegistry, decodeRecordInput, type CompiledEntity } from '../src/index.js';

const FIELDS = 200;
const iterations = Number(process.env['BENCH_ITERATIONS'] ?? 5000);
const name = (i: number) => `f${i}`;

const entity = {
  kind: 'entity',
  key: 'wide',
  name: 'Wide',
  fields: [
    { key: 'kind', name: 'kind', type: 'picklist', options: [{ value: 'a' }, { value: 'b' }] },
    { key: 'flag', name: 'flag', type: 'boolean' },
    { key: 'amount', name: 'amount', type: 'integer' },
    ...Array.from({ length: FIELDS - 3 }, (_, i) => ({ key: `f${i}`, name: name(i), type: 'text', maxLength: 40 })),
  ],
};
const isB = { all: [{ fact: 'kind', operator: 'equal', value: 'b' }] };
const flagged = { all: [{ fact: 'flag', operator: 'equal', value: true }] };
const lockedOnUpdate = { all: [{ fact: '$mode', operator: 'equal', value: 'update' }, { fact: 'flag', operator: 'equal', value: true }] };
const invalidWhen = (i: number) => ({ all: [{ fact: name(i), operator: 'notEqual', value: null }, { fact: 'amount', operator: 'lessThan', value: 10 }] });
const fieldLogic = (i: number): Record<string, unknown> => {
  if (i >= 10 && i < 30) return { visible: isB };
  if (i >= 30 && i < 40) return { required: flagged };
  if (i >= 40 && i < 50) return { readOnly: lockedOnUpdate };
  if (i >= 50 && i < 60) return { invalid: { when: invalidWhen(i), message: `f${i} needs an amount of 10 or more` } };
  return {};
};
const form = {
  kind: 'form',
  key: 'wide_main',
  entity: 'wide',
  default: true,
  tabs: [{ key: 'main', sections: [{ key: 'all', fields: [{ field: 'kind' }, { field: 'flag' }, { field: 'amount' }, ...Array.from({ length: FIELDS - 3 }, (_, i) => ({ field: name(i), ...fieldLogic(i) }))] }] }],
};
const compiled = compileModel({ entities: [entity], forms: [form] }, createBuiltinRegistry());
if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems.slice(0, 3)));
const model = compiled.value;
const wide = model.entityByKey('wide')!;

const stored: Record<string, unknown> = { id: 'r1', kind: 'a', flag: false, amount: 20, orgUnitId: null };
for (let i = 0; i < FIELDS - 3; i++) stored[name(i)] = i >= 10 && i < 30 ? null : `value ${i}`;
const patch: Record<string, unknown> = { amount: 25 };
for (let i = 60; i < 79; i++) patch[name(i)] = `changed ${i}`;
const user = { roles: ['clerk'], unitPath: ['group'], channel: 'hall' };
const unit = { orgUnitId: null, unitKeys: () => [] };

/** The same checks, written by hand for this one form. */
function handChecked(entity: CompiledEntity, record: Record<string, unknown>, input: Record<string, unknown>, mode: 'create' | 'update') {
  const decoded = decodeRecordInput(entity, input);
  if (decoded.problems.length) return decoded.problems;
  const next: Record<string, unknown> = { ...record, ...decoded.values };
  const problems: { code: string; path: string }[] = [];
  const hidden = next['kind'] !== 'b';
  const values: Record<string, unknown> = { ...decoded.values };
  for (let i = 10; i < 30; i++) {
    if (!hidden) continue;
    if (input[name(i)] != null) problems.push({ code: 'form.hidden-field', path: name(i) });
    if (record[name(i)] != null) values[name(i)] = null;
    next[name(i)] = null;
  }
  for (let i = 30; i < 40; i++) if (next['flag'] === true && (next[name(i)] == null || next[name(i)] === '')) problems.push({ code: 'record.required', path: name(i) });
  for (let i = 40; i < 50; i++) if (mode === 'update' && next['flag'] === true && Object.hasOwn(input, name(i)) && input[name(i)] !== record[name(i)]) problems.push({ code: 'form.read-only', path: name(i) });
  for (let i = 50; i < 60; i++) if (next[name(i)] != null && (next['amount'] as number) < 10) problems.push({ code: 'form.invalid', path: name(i) });
  return problems.length ? problems : values;
}

const viaRuntime = () => checkRecordWrite(model, unit, { entity: wide, mode: 'update', stored }, patch, { user });
const byHand = () => handChecked(wide, stored, patch, 'update');
const first = viaRuntime();
if (!first.ok || JSON.stringify(byHand()) !== JSON.stringify(first.value.values)) throw new Error('the hand-written checks and checkRecordWrite disagree');
const bad = { ...patch, amount: 5, kind: 'a', f12: 'x' };
const badRuntime = checkRecordWrite(model, unit, { entity: wide, mode: 'update', stored }, bad, { user });
if (badRuntime.ok) throw new Error('a bad write passed');

function best(run: () => unknown): number {
  let fastest = Infinity;
  for (let round = 0; round < 5; round++) {
    for (let i = 0; i < 200; i++) run();
    const t0 = performance.now();
    for (let i = 0; i < iterations; i++) run();
    fastest = Math.min(fastest, (performance.now() - t0) / iterations);
  }
  return fastest;
}

console.log(`\n# checkRecordWrite: ${FIELDS}-field form, 50 conditions, an update of 20 fields (best of 5 rounds × ${iterations})\n`);
const runtime = best(viaRuntime);
const hand = best(byHand);
const refused = best(() => checkRecordWrite(model, unit, { entity: wide, mode: 'update', stored }, bad, { user }));
console.log(`${'checkRecordWrite (compiled form logic)'.padEnd(52)} ${(runtime * 1000).toFixed(1).padStart(8)} µs/call`);
console.log(`${'hand-written checks, same decoding'.padEnd(52)} ${(hand * 1000).toFixed(1).padStart(8)} µs/call`);
console.log(`${'checkRecordWrite, a refused write (hidden + invalid)'.padEnd(52)} ${(refused * 1000).toFixed(1).padStart(8)} µs/call`);
console.log(`\ncheckRecordWrite / hand-written: ${(runtime / hand).toFixed(2)}×   (aim: under 1 ms per call: ${runtime < 1 ? 'met' : 'missed'})`);
