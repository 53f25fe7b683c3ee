import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '@lattice/runtime';
import { settingInputs, withSettings } from './field-settings.js';

const registry = createBuiltinRegistry();
const inputsOf = (type: string) => settingInputs(registry.get(type)!);

describe('the settings a field type offers in the field editor', () => {
  it('reads each type\'s settings from the runtime\'s own definition', () => {
    expect(inputsOf('text').map((i) => [i.name, i.input])).toEqual([['maxLength', 'number'], ['minLength', 'number'], ['pattern', 'text']]);
    expect(inputsOf('picklist')).toEqual([{ name: 'options', input: 'options', optional: false }]);
    expect(inputsOf('boolean')).toEqual([]);
  });

  it('offers another entity for a relation and the delete behaviours as a choice', () => {
    const inputs = inputsOf('reference');
    expect(inputs[0]).toEqual({ name: 'target', input: 'entity', optional: false });
    expect(inputs[1]).toMatchObject({ name: 'onDelete', input: 'choice', choices: ['restrict', 'setNull', 'cascade'], optional: true });
  });

  it('leaves empty inputs out of the field document, so the type\'s defaults apply', () => {
    const inputs = inputsOf('text');
    expect(withSettings({ key: 'a', name: 'a', type: 'text', pattern: 'x' }, inputs, { maxLength: 40, minLength: null, pattern: '' })).toEqual({ key: 'a', name: 'a', type: 'text', maxLength: 40 });
  });
});
