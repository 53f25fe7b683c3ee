import { Engine, Operator } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { createBuiltinOperators } from './builtin-operators.js';
import { compileRules } from './compile-rules.js';
import { FactRegistry, type ComputedFact, type FactReader } from './fact-registry.js';
import type { ConditionResult } from './rule-run.js';
import { BASE_OPERATORS, CUSTOM_OPERATOR, createRandom, DECORATORS, generateRuleCase, type RuleCase } from './testing/generate-rule-cases.js';

/**
 * The compiled rules against json-rules-engine 7.3.1 itself, on thousands
 * of generated rule sets and facts: success or failure of the run, every
 * rule's result, the events fired and their order by priority, and every
 * condition's fact value, compared value and result (or that it was never
 * evaluated).
 */
const lengthAtLeast = {
  name: CUSTOM_OPERATOR,
  evaluate: (a: { length: number }, b: unknown) => (a.length >= (b as number) ? a.length : 0),
  validateFact: (a: unknown) => a != null && typeof (a as { length?: unknown }).length === 'number',
};

const computed: ComputedFact[] = [
  {
    name: 'doubled',
    type: { kind: 'number' },
    priority: 2,
    compute: (params, facts) => {
      const n = facts.value('n');
      return typeof n === 'number' ? n * 2 + Number(params['k'] ?? 0) : 'n/a';
    },
  },
  {
    name: 'lookup',
    type: { kind: 'object' },
    priority: 3,
    compute: (params) => {
      if (params['k'] === 2) throw new Error('lookup failed');
      return { a: { b: params['k'] ?? null }, list: [params['k'] ?? 0, 1], name: 'lk' };
    },
  },
];

function engineFor(testCase: RuleCase): Engine {
  const engine = new Engine([], { allowUndefinedFacts: testCase.allowUndefinedFacts });
  engine.addOperator(new Operator(lengthAtLeast.name, lengthAtLeast.evaluate as never, lengthAtLeast.validateFact));
  for (const [name, condition] of Object.entries(testCase.conditions)) engine.setCondition(name, condition as never);
  const reader: FactReader = {
    value: (fact) => {
      if (Object.hasOwn(testCase.facts, fact)) return testCase.facts[fact];
      if (testCase.allowUndefinedFacts) return undefined;
      throw new Error(`Undefined fact: ${fact}`);
    },
  };
  // Async, as facts usually are: a synchronous throw would leave json-rules-engine's other promises of the group unhandled.
  for (const fact of computed) engine.addFact(fact.name, async (params: Record<string, unknown>) => fact.compute(params, reader), { priority: fact.priority ?? 1 });
  for (const rule of testCase.rules) engine.addRule({ name: rule.key, priority: rule.priority ?? 1, conditions: rule.conditions as never, event: rule.event });
  return engine;
}

type Normal = { kind: string; result?: unknown; children?: Normal[]; factResult?: unknown; valueResult?: unknown; name?: string };

/** json-rules-engine's evaluated condition tree (its Condition objects), in a neutral form. */
function normalEngine(node: any, root = false): Normal {
  const result = root ? {} : Object.hasOwn(node, 'result') ? { result: node.result } : {};
  for (const kind of ['any', 'all'] as const) if (Object.hasOwn(node, kind)) return { kind, ...result, children: node[kind].map((child: unknown) => normalEngine(child)) };
  if (Object.hasOwn(node, 'not')) return { kind: 'not', ...result, children: [normalEngine(node.not)] };
  if (Object.hasOwn(node, 'condition')) return { kind: 'reference', name: node.condition };
  return Object.hasOwn(node, 'result') ? { kind: 'fact', factResult: node.factResult, valueResult: node.valueResult, result: node.result } : { kind: 'fact' };
}

/** The compiled tree in the same form: an evaluated reference shows the condition it stands for, as json-rules-engine does. */
function normalCompiled(node: ConditionResult, root = false): Normal {
  const result = root || node.result === undefined ? {} : { result: node.result };
  switch (node.kind) {
    case 'all':
    case 'any':
      return { kind: node.kind, ...result, children: node.conditions.map((child) => normalCompiled(child)) };
    case 'not':
      return { kind: 'not', ...result, children: [normalCompiled(node.condition)] };
    case 'reference':
      return node.condition ? normalCompiled(node.condition, root) : { kind: 'reference', name: node.name };
    case 'fact':
      return node.evaluated ? { kind: 'fact', factResult: node.factResult, valueResult: node.valueResult, result: node.result } : { kind: 'fact' };
  }
}

async function compare(testCase: RuleCase): Promise<void> {
  const operators = createBuiltinOperators().register(lengthAtLeast);
  const compiled = compileRules(testCase.rules, { operators, facts: new FactRegistry(computed), allowUndefinedFacts: testCase.allowUndefinedFacts, conditions: testCase.conditions });
  const mine = compiled.run(testCase.facts, { explain: true });
  const fast = compiled.run(testCase.facts);
  const generated = compileRules(testCase.rules, { operators, facts: new FactRegistry(computed), allowUndefinedFacts: testCase.allowUndefinedFacts, conditions: testCase.conditions, generate: true });
  const generatedRun = generated.run(testCase.facts);
  const flags = new Array<number>(testCase.rules.length);
  const generatedError = generated.fire(testCase.facts, flags);
  // The same facts split between a run's own facts and its base facts (own ones win) must read as one object.
  const own: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  Object.keys(testCase.facts).forEach((name, index) => {
    if (index % 2 === 0) {
      own[name] = testCase.facts[name];
      base[name] = 'decoy';
    } else {
      base[name] = testCase.facts[name];
    }
  });
  const split = compiled.run(own, { explain: true, base });
  let theirs: Awaited<ReturnType<Engine['run']>> | undefined;
  try {
    theirs = await engineFor(testCase).run(testCase.facts);
  } catch {
    theirs = undefined;
  }
  const context = JSON.stringify(testCase);
  expect(mine.ok, context).toBe(theirs !== undefined);
  expect(fast.ok, context).toBe(mine.ok);
  expect(split, context).toStrictEqual(mine);
  expect(generatedRun.ok, context).toBe(mine.ok);
  expect(generatedError === undefined, context).toBe(mine.ok);
  const splitFlags = new Array<number>(testCase.rules.length);
  expect(generated.fire(own, splitFlags, base) === undefined, context).toBe(mine.ok);
  if (mine.ok && generatedRun.ok) {
    expect(generatedRun.results.map((r) => [r.rule, r.result]), context).toStrictEqual(mine.results.map((r) => [r.rule, r.result]));
    expect(flags, context).toEqual(mine.results.map((r) => (r.fired ? 1 : 0)));
    expect(splitFlags, context).toEqual(flags);
  }
  if (!mine.ok || !fast.ok || !theirs) return;

  const order = new Map(testCase.rules.map((rule, index) => [rule.key, index]));
  const priorityOf = (name: string) => testCase.rules[order.get(name)!]!.priority ?? 1;
  const byPriority = (a: string, b: string) => priorityOf(b) - priorityOf(a) || order.get(a)! - order.get(b)!;
  const engineResults = [...theirs.results, ...theirs.failureResults].sort((a, b) => byPriority(a.name as string, b.name as string));
  expect(mine.results.map((r) => r.rule), context).toEqual(engineResults.map((r) => r.name));
  for (const [index, result] of mine.results.entries()) {
    const engine = engineResults[index]!;
    expect(result.result, context).toStrictEqual(engine.result);
    expect(result.fired, context).toBe(Boolean(engine.result));
    expect(normalCompiled(result.conditions!, true), `${context}\nrule ${result.rule}`).toStrictEqual(normalEngine(engine.conditions, true));
  }
  expect(fast.results.map((r) => [r.rule, r.result]), context).toStrictEqual(mine.results.map((r) => [r.rule, r.result]));

  // Events: json-rules-engine fires them by priority, highest first; within one priority its order is promise timing.
  const typeToRule = new Map(testCase.rules.map((rule) => [rule.event.type, rule.key]));
  const theirEvents = theirs.events.map((event) => typeToRule.get(event.type)!);
  const priorities = theirEvents.map(priorityOf);
  expect(priorities, context).toEqual([...priorities].sort((a, b) => b - a));
  expect(mine.events.map((event) => typeToRule.get(event.type)), context).toEqual([...theirEvents].sort(byPriority));
  expect(mine.events, context).toEqual([...theirs.events].sort((a, b) => byPriority(typeToRule.get(a.type)!, typeToRule.get(b.type)!)));
  expect(mine.failureEvents.map((event) => event.type).sort(), context).toEqual(theirs.failureEvents.map((event) => event.type).sort());
}

describe('compiled rules behave exactly as json-rules-engine 7.3.1', () => {
  it('generates cases with every operator, decorator, missing fact and mismatched type', () => {
    const random = createRandom(99);
    const seen = new Set<string>();
    const cases = Array.from({ length: 1000 }, () => generateRuleCase(random));
    const json = JSON.stringify(cases);
    for (const name of [...BASE_OPERATORS, CUSTOM_OPERATOR]) if (json.includes(`"operator":"${name}"`) || json.includes(`:${name}"`)) seen.add(name);
    for (const name of DECORATORS) if (json.includes(`"operator":"${name}:`) || json.includes(`:${name}:`)) seen.add(name);
    expect([...seen].sort()).toEqual([...BASE_OPERATORS, CUSTOM_OPERATOR, ...DECORATORS].sort());
    expect(cases.some((c) => !('gone' in c.facts) && json.includes('"fact":"gone"'))).toBe(true);
    expect(cases.some((c) => typeof c.facts['n'] === 'string' && /\d/.test(c.facts['n']))).toBe(true);
    expect(cases.some((c) => Object.hasOwn(c.facts, 'nothing') && c.facts['nothing'] === undefined)).toBe(true);
  });

  for (const seed of [1, 2, 3, 4]) {
    it(`agrees on 1,000 generated rule sets and facts (seed ${seed})`, async () => {
      const random = createRandom(seed);
      let failures = 0;
      let fired = 0;
      for (let index = 0; index < 1000; index++) {
        const testCase = generateRuleCase(random);
        await compare(testCase);
        const run = compileRules(testCase.rules, { operators: createBuiltinOperators().register(lengthAtLeast), facts: new FactRegistry(computed), allowUndefinedFacts: testCase.allowUndefinedFacts, conditions: testCase.conditions }).run(testCase.facts);
        if (!run.ok) failures++;
        else fired += run.events.length;
      }
      // The generator must exercise both outcomes, or the comparison proves little.
      expect(failures).toBeGreaterThan(50);
      expect(fired).toBeGreaterThan(200);
    });
  }
});
