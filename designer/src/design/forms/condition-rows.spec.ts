import { describe, expect, it } from 'vitest';
import { conditionValueText, logicOf, logicState, parseConditionValue } from './condition-rows.js';

describe('the condition builder\'s model of a field\'s logic', () => {
  it('draws always, never and simple all/any conditions, and writes back the same document', () => {
    expect(logicState(undefined, 'always')).toEqual({ mode: 'always' });
    expect(logicState(false, 'always')).toEqual({ mode: 'never' });
    const condition = { all: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }, { fact: '$user', path: '$.channel', operator: 'in', value: ['hall', 'app'] }] };
    const state = logicState(condition, 'always');
    expect(state).toEqual({ mode: 'when', combinator: 'all', rows: [{ fact: 'customerType', operator: 'equal', value: 'enterprise' }, { fact: '$user', path: '$.channel', operator: 'in', value: ['hall', 'app'] }] });
    expect(logicOf(state, 'always')).toEqual(condition);
  });

  it('leaves the property out when the builder says what the default already is', () => {
    expect(logicOf({ mode: 'always' }, 'always')).toBeUndefined();
    expect(logicOf({ mode: 'never' }, 'never')).toBeUndefined();
    expect(logicOf({ mode: 'always' }, 'never')).toBe(true);
  });

  it('keeps a condition it cannot draw (named conditions, nested groups) untouched', () => {
    const named = { condition: 'enterprise' };
    expect(logicState(named, 'always')).toEqual({ mode: 'custom', logic: named });
    const nested = { any: [{ all: [{ fact: 'a', operator: 'equal', value: 1 }] }] };
    expect(logicOf(logicState(nested, 'always'), 'always')).toEqual(nested);
  });

  it('reads typed values as the fact compares them', () => {
    expect(parseConditionValue('true', 'equal', 'boolean')).toBe(true);
    expect(parseConditionValue('42', 'greaterThan', 'number')).toBe(42);
    expect(parseConditionValue('hall, app', 'in', 'text')).toEqual(['hall', 'app']);
    expect(parseConditionValue('', 'equal', 'text')).toBeNull();
    expect(conditionValueText(['hall', 'app'])).toBe('hall, app');
  });
});
