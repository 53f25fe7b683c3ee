import type { CompiledEntity, CompiledField } from '../compile/compiled-model.js';
import { failed, ok, problem, type Checked, type Problem } from '../problems/problem.js';
import { closeFieldNames } from '../formula/close-field-names.js';

export type WriteMode = 'create' | 'update';

/**
 * Checks a record write against its entity: unknown and read-only fields,
 * required values, each value decoded and validated by its field type.
 * Returns canonical values by field name, or every problem at once with the
 * field as its path, so a form can mark all of them. Runs identically in the
 * browser and on the server.
 */
export function validateRecordInput(entity: CompiledEntity, input: Readonly<Record<string, unknown>>, mode: WriteMode): Checked<Record<string, unknown>> {
  const { values, problems } = decodeRecordInput(entity, input);
  if (mode === 'create') applyDefaultsAndRequired(entity, values, problems, new Set(problems.map((p) => p.path)));
  return problems.length ? failed(problems) : ok(values);
}

/**
 * Each given value decoded and validated by its field type, without the
 * create-only steps (defaults, missing required fields): the values that
 * decoded, and a problem per field that did not (an explicit null on a
 * required field is `record.required`).
 */
export function decodeRecordInput(entity: CompiledEntity, input: Readonly<Record<string, unknown>>): { values: Record<string, unknown>; problems: Problem[] } {
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
    if (field.required && typeof decoded.value === 'string' && decoded.value.trim() === '') {
      problems.push(requiredProblem(field));
      continue;
    }
    const invalid = field.type.validate(decoded.value, field.settings);
    if (invalid) {
      problems.push(problem('record.invalid-value', name, `${fieldLabel(field)}: ${invalid.message}`, invalid.hint));
      continue;
    }
    values[name] = decoded.value;
  }
  return { values, problems };
}

function applyDefaultsAndRequired(entity: CompiledEntity, values: Record<string, unknown>, problems: Problem[], reported: ReadonlySet<string>): void {
  for (const field of entity.fields) {
    if (field.readOnly || Object.hasOwn(values, field.name) || reported.has(field.name)) continue;
    // A copy: a list or object default must not be shared between records.
    if (field.default !== undefined) values[field.name] = copyOf(field.default);
    else if (field.required) problems.push(requiredProblem(field));
  }
}

export function requiredProblem(field: CompiledField): Problem {
  return problem('record.required', field.name, `${fieldLabel(field)} is required`, `Give a value for "${field.name}"`);
}

function fieldLabel(field: CompiledField): string {
  return `Field "${field.name}"`;
}

function unknownField(entity: CompiledEntity, name: string): Problem {
  const writable = entity.fields.filter((f) => !f.readOnly).map((f) => f.name);
  const lower = name.toLowerCase();
  const containing = writable.filter((n) => n.toLowerCase().includes(lower) || lower.includes(n.toLowerCase()));
  const close = [...new Set([...containing, ...closeFieldNames(name, (n) => (writable.includes(n) ? 'text' : undefined), writable)])];
  return problem(
    'record.unknown-field',
    name,
    `${entity.name} has no field "${name}"`,
    close.length ? `Did you mean ${close.map((n) => `"${n}"`).join(' or ')}?` : `Writable fields: ${writable.join(', ')}`,
  );
}

/** Canonical values are JSON values (strings, numbers, booleans, lists, JSON objects), so a JSON round trip copies them. */
export function copyOf(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
}
