import type { FormulaType, ScalarName, StorageSpec } from '../field-types/field-type.js';

/**
 * Column of a formula field, from the result type the checker inferred. A
 * formula field's own storage() cannot know it (it sees only its settings),
 * so the compile step asks here. Number results keep 8 decimals, money 2:
 * the evaluator renders results exactly as these columns read back.
 */
const STORAGE: Record<FormulaType, StorageSpec> = {
  text: { kind: 'text' },
  number: { kind: 'decimal', precision: 30, scale: 8 },
  money: { kind: 'decimal', precision: 18, scale: 2 },
  boolean: { kind: 'boolean' },
  date: { kind: 'date' },
  datetime: { kind: 'datetime' },
};

const SCALAR: Record<FormulaType, ScalarName> = {
  text: 'String',
  number: 'Decimal',
  money: 'Money',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'DateTime',
};

export function storageForFormulaType(type: FormulaType): StorageSpec {
  return { ...STORAGE[type] };
}

export function scalarForFormulaType(type: FormulaType): ScalarName {
  return SCALAR[type];
}
