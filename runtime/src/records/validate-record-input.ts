import type { CompiledEntity, CompiledField } from '../compile/compiled-model.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';

export type WriteMode = 'create' | 'update';

/**
 * Checks a record write against its entity: unknown and read-only fields,
 * required values, each value decoded and validated by its field type.
 * Returns canonical values by field name, or every problem at once with the
 * field as its path, so a form can mark all of them. Runs identically in the
 * browser and on the server.
 */
export function validateRecordInput(entity: CompiledEntity, input: Readonly<Record<string, unknown>>, mode: WriteMode): Checked<Record<string, unknown>> {
  const problems: Problem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(input)) {
    const field = entity.fieldByName(name);
    if (!field) {
      problems.push(unknownField(entity, name));
      continue;
    }
    if (field.readOnly) {
      problems.push(problem('record.read-only', name, `Field "${name}" is ${field.system ? 'managed by the platform' : `computed (${field.typeName})`} and cannot be written`, 'Leave it out of the input'));
      continue;
    }
    if (raw === undefined) continue;
    if (raw === null) {
      if (field.required) problems.push(requiredProblem(field));
      else values[name] = null;
      continue;
    }
    const decoded = field.type.decode(raw, field.settings);
    if (!decoded.ok) {
      problems.push(problem('record.invalid-value', name, `${fieldLabel(field)}: ${decoded.message}`, decoded.hint));
      continue;
    }
    const invalid = field.type.validate(decoded.value, field.settings);
    if (invalid) {
      problems.push(problem('record.invalid-value', name, `${fieldLabel(field)}: ${invalid.message}`, invalid.hint));
      continue;
    }
    values[name] = decoded.value;
  }
  if (mode === 'create') applyDefaultsAndRequired(entity, values, problems, new Set(problems.map((p) => p.path)));
  return problems.length ? failed(problems) : ok(values);
}

function applyDefaultsAndRequired(entity: CompiledEntity, values: Record<string, unknown>, problems: Problem[], reported: ReadonlySet<string>): void {
  for (const field of entity.fields) {
    if (field.readOnly || field.name in values || reported.has(field.name)) continue;
    if (field.default !== undefined) values[field.name] = field.default;
    else if (field.required) problems.push(requiredProblem(field));
  }
}

function requiredProblem(field: CompiledField): Problem {
  return problem('record.required', field.name, `${fieldLabel(field)} is required`, `Give a value for "${field.name}"`);
}

function fieldLabel(field: CompiledField): string {
  return `Field "${field.name}"`;
}

function unknownField(entity: CompiledEntity, name: string): Problem {
  const lower = name.toLowerCase();
  const close = entity.fields.filter((f) => !f.readOnly && (f.name.toLowerCase().includes(lower) || lower.includes(f.name.toLowerCase())));
  return problem(
    'record.unknown-field',
    name,
    `${entity.name} has no field "${name}"`,
    close.length ? `Did you mean ${close.map((f) => `"${f.name}"`).join(' or ')}?` : `Writable fields: ${entity.fields.filter((f) => !f.readOnly).map((f) => f.name).join(', ')}`,
  );
}
