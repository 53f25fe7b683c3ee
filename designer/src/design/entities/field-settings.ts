import type { AnyFieldType } from '@lattice/runtime';

/** One setting of a field type, as the field editor draws its input. */
export interface SettingInput {
  name: string;
  /** text, number, a choice of values, the picklist's options, or another entity (relations' `target`). */
  input: 'text' | 'number' | 'choice' | 'options' | 'entity';
  choices?: string[];
  optional: boolean;
}

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; in?: ZodLike; shape?: Record<string, ZodLike>; entries?: Record<string, string> } };
}

const WRAPPERS = ['optional', 'default', 'nullable', 'readonly', 'prefault'];

function unwrap(schema: ZodLike): { inner: ZodLike; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    const def = inner._zod.def;
    if (WRAPPERS.includes(def.type) && def.innerType) {
      optional = true;
      inner = def.innerType;
    } else if (def.type === 'pipe' && def.in) inner = def.in;
    else return { inner, optional };
  }
}

/**
 * The settings a field type takes, read from its own settings schema (the
 * runtime's definition, never a list kept here), so a plugin's field type
 * gets its inputs too. What a schema says more finely than these inputs
 * (a union of number and string) is entered as text and checked by the runtime.
 */
export function settingInputs(type: AnyFieldType): SettingInput[] {
  const root = unwrap(type.settings as unknown as ZodLike).inner;
  const shape = root._zod.def.shape ?? {};
  return Object.entries(shape).map(([name, schema]) => {
    const { inner, optional } = unwrap(schema);
    const def = inner._zod.def;
    if (name === 'target') return { name, input: 'entity', optional };
    if (def.type === 'number') return { name, input: 'number', optional };
    if (def.type === 'enum') return { name, input: 'choice', choices: Object.values(def.entries ?? {}), optional };
    if (def.type === 'array' && name === 'options') return { name, input: 'options', optional };
    return { name, input: 'text', optional };
  });
}

/** A field document with its type's settings as entered: empty inputs are left out, numbers stay numbers. */
export function withSettings(field: Record<string, unknown>, inputs: readonly SettingInput[], values: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...field };
  for (const input of inputs) {
    const value = values[input.name];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete next[input.name];
    else next[input.name] = value;
  }
  return next;
}
