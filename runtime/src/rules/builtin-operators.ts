import { OperatorRegistry, type RuleOperator, type RuleOperatorDecorator } from './operator-registry.js';
import { elementsOf, equalityMismatch, orderingMismatch, type ValueShape } from './value-shape.js';

/**
 * json-rules-engine 7.3.1's operators and decorators, with the same
 * callbacks and fact validators (engine-default-operators.js,
 * engine-default-operator-decorators.js): `in` on a string value is a
 * substring test and `in` on null throws, exactly as there. The differential
 * tests hold the two implementations together.
 */
/**
 * json-rules-engine's `Number.parseFloat(v).toString() !== 'NaN'`, without
 * building a string: a number parses unless it is NaN, a text starting
 * with a digit always parses, anything else goes through parseFloat.
 */
export function numberValidator(factValue: unknown): boolean {
  if (typeof factValue === 'number') return !Number.isNaN(factValue);
  if (typeof factValue === 'string') {
    const first = factValue.charCodeAt(0);
    if (first >= 48 && first <= 57) return true;
  }
  return !Number.isNaN(Number.parseFloat(factValue as string));
}

/** Why looking for `single` in `list` can never succeed; `factIsList` says which side is the fact (it goes first). */
function listMismatch(list: ValueShape, single: ValueShape, what: string, factIsList: boolean): string | null {
  const elements = elementsOf(list);
  if (!elements) return `${what} needs a list, got ${list.kind === 'null' ? 'null' : `a ${list.kind} value`}`;
  for (const element of elements) {
    const mismatch = factIsList ? equalityMismatch(element, single) : equalityMismatch(single, element);
    if (mismatch) return `${what}: ${mismatch}`;
  }
  return null;
}

/**
 * `in` over a short literal list of text, numbers, booleans or null, as a
 * chain of `===` for generated code: what `indexOf` does (strict equality,
 * NaN never found), without the call. Null when the list is anything else.
 */
function membership(fact: string, literal: { readonly value: unknown } | undefined): string | null {
  const list = literal?.value;
  if (!Array.isArray(list) || list.length === 0 || list.length > 8) return null;
  const primitive = (item: unknown) => typeof item === 'string' || typeof item === 'boolean' || item === null || (typeof item === 'number' && Number.isFinite(item));
  return list.every(primitive) ? `(${list.map((item) => `${fact} === ${JSON.stringify(item)}`).join(' || ')})` : null;
}

const inCheck = (fact: ValueShape, value: ValueShape) => listMismatch(value, fact, 'the value of "in" is the list to look in', false);
const containsCheck = (fact: ValueShape, value: ValueShape) => listMismatch(fact, value, 'the fact of "contains" is the list to look in', true);

const operators: RuleOperator[] = [
  { name: 'equal', evaluate: (a, b) => a === b, checkTypes: equalityMismatch, inline: (a, b) => `${a} === ${b}` },
  { name: 'notEqual', evaluate: (a, b) => a !== b, checkTypes: equalityMismatch, inline: (a, b) => `${a} !== ${b}` },
  { name: 'in', evaluate: (a, b) => b.indexOf(a) > -1, checkTypes: inCheck, inline: (a, b, literal) => membership(a, literal) ?? `${b}.indexOf(${a}) > -1` },
  { name: 'notIn', evaluate: (a, b) => b.indexOf(a) === -1, checkTypes: inCheck, inline: (a, b, literal) => { const any = membership(a, literal); return any ? `!${any}` : `${b}.indexOf(${a}) === -1`; } },
  { name: 'contains', evaluate: (a, b) => a.indexOf(b) > -1, validateFact: Array.isArray, checkTypes: containsCheck, inline: (a, b) => `Array.isArray(${a}) && ${a}.indexOf(${b}) > -1` },
  { name: 'doesNotContain', evaluate: (a, b) => a.indexOf(b) === -1, validateFact: Array.isArray, checkTypes: containsCheck, inline: (a, b) => `Array.isArray(${a}) && ${a}.indexOf(${b}) === -1` },
  { name: 'lessThan', evaluate: (a, b) => a < b, validateFact: numberValidator, checkTypes: orderingMismatch, inline: (a, b) => `NV(${a}) && ${a} < ${b}` },
  { name: 'lessThanInclusive', evaluate: (a, b) => a <= b, validateFact: numberValidator, checkTypes: orderingMismatch, inline: (a, b) => `NV(${a}) && ${a} <= ${b}` },
  { name: 'greaterThan', evaluate: (a, b) => a > b, validateFact: numberValidator, checkTypes: orderingMismatch, inline: (a, b) => `NV(${a}) && ${a} > ${b}` },
  { name: 'greaterThanInclusive', evaluate: (a, b) => a >= b, validateFact: numberValidator, checkTypes: orderingMismatch, inline: (a, b) => `NV(${a}) && ${a} >= ${b}` },
];

const eachOfFact = (fact: ValueShape, value: ValueShape) => {
  const elements = elementsOf(fact);
  return elements ? { fact: elements[0] as ValueShape, value } : 'the fact must be a list';
};
const eachOfValue = (fact: ValueShape, value: ValueShape) => {
  const elements = elementsOf(value);
  return elements ? { fact, value: elements[0] as ValueShape } : 'the value must be a list';
};

const decorators: RuleOperatorDecorator[] = [
  { name: 'someFact', evaluate: (a, b, next) => a.some((item: unknown) => next(item, b)), validateFact: Array.isArray, mapTypes: eachOfFact },
  { name: 'someValue', evaluate: (a, b, next) => b.some((item: unknown) => next(a, item)), mapTypes: eachOfValue },
  { name: 'everyFact', evaluate: (a, b, next) => a.every((item: unknown) => next(item, b)), validateFact: Array.isArray, mapTypes: eachOfFact },
  { name: 'everyValue', evaluate: (a, b, next) => b.every((item: unknown) => next(a, item)), mapTypes: eachOfValue },
  { name: 'swap', evaluate: (a, b, next) => next(b, a), mapTypes: (fact, value) => ({ fact: value, value: fact }) },
  { name: 'not', evaluate: (a, b, next) => !next(a, b) },
];

/** A new registry holding json-rules-engine's operators and decorators; extend it with `register`. */
export function createBuiltinOperators(): OperatorRegistry {
  const registry = new OperatorRegistry();
  for (const operator of operators) registry.register(operator);
  for (const decorator of decorators) registry.registerDecorator(decorator);
  return registry;
}
