import { describe, expect, it } from 'vitest';
import { scalarForFormulaType, storageForFormulaType } from './formula-storage.js';

describe('formula storage', () => {
  it('stores each result type in the column the evaluator renders for', () => {
    expect(storageForFormulaType('number')).toEqual({ kind: 'decimal', precision: 30, scale: 8 });
    expect(storageForFormulaType('money')).toEqual({ kind: 'decimal', precision: 18, scale: 2 });
    expect(storageForFormulaType('text')).toEqual({ kind: 'text' });
    expect(storageForFormulaType('boolean')).toEqual({ kind: 'boolean' });
    expect(storageForFormulaType('date')).toEqual({ kind: 'date' });
    expect(storageForFormulaType('datetime')).toEqual({ kind: 'datetime' });
  });

  it('serves each result type with the scalar of the matching field type', () => {
    expect(['text', 'number', 'money', 'boolean', 'date', 'datetime'].map((type) => scalarForFormulaType(type as never))).toEqual([
      'String', 'Decimal', 'Money', 'Boolean', 'Date', 'DateTime',
    ]);
  });

  it('hands out copies, so a caller cannot change the table', () => {
    const spec = storageForFormulaType('money') as { precision: number };
    spec.precision = 2;
    expect(storageForFormulaType('money')).toEqual({ kind: 'decimal', precision: 18, scale: 2 });
  });
});
