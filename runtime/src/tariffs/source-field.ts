import type { CompiledEntity, CompiledField } from '../compile/compiled-model.js';
import { problem, type Problem } from '../problems/problem.js';

/** A field a tariff source names by key, of one of the kinds it is used as; else a problem with the source's code prefix. */
export function sourceField(entity: CompiledEntity, key: string, types: readonly string[], path: string, problems: Problem[], prefix: 'simulation' | 'group-tariff'): CompiledField | undefined {
  const field = entity.fieldByKey(key);
  if (!field) problems.push(problem(`${prefix}.unknown-field`, path, `${entity.key} has no field "${key}"`));
  else if (!types.includes(field.typeName)) problems.push(problem(`${prefix}.field-type`, path, `${entity.key}.${key} is ${field.typeName}; it must be ${types.join(' or ')}`));
  else return field;
  return undefined;
}
