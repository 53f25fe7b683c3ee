import type { CompiledForm } from './compile-form.js';

export interface FormAudience {
  readonly roles: readonly string[];
  readonly channel: string;
}

/**
 * The form a user gets for a record: the first form (in document order)
 * whose audience matches — every criterion it names holds: one of its roles,
 * one of its channels, the record's type among its values — else the
 * entity's default form; undefined when the entity has no form.
 */
export function chooseForm(forms: readonly CompiledForm[], audience: FormAudience, record: Readonly<Record<string, unknown>>): CompiledForm | undefined {
  let fallback: CompiledForm | undefined;
  for (const form of forms) {
    const target = form.document.for;
    if (target && matches(target, audience, record)) return form;
    if (form.isDefault) fallback = form;
  }
  return fallback;
}

function matches(target: NonNullable<CompiledForm['document']['for']>, audience: FormAudience, record: Readonly<Record<string, unknown>>): boolean {
  if (target.roles && !target.roles.some((role) => audience.roles.includes(role))) return false;
  if (target.channels && !target.channels.includes(audience.channel)) return false;
  if (target.recordType && !target.recordType.values.includes(record[target.recordType.field] as string)) return false;
  return true;
}
