import { expect } from 'vitest';
import { compileModel } from '../../compile/compile-model.js';
import { createBuiltinRegistry } from '../../field-types/builtin-field-types.js';
import type { FieldTypeRegistry } from '../../field-types/field-type-registry.js';
import type { Problem } from '../../problems/problem.js';

const builtin = createBuiltinRegistry();

/** The problems of metadata that must not compile (the test fails if it does). */
export function problemsOfSet(input: unknown, registry: FieldTypeRegistry = builtin): Problem[] {
  const result = compileModel(input, registry);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}

/** Whether metadata compiles; a failure shows its problems. */
export function compilesSet(input: unknown, registry: FieldTypeRegistry = builtin): boolean {
  const result = compileModel(input, registry);
  if (!result.ok) expect(result.problems).toEqual([]);
  return result.ok;
}
