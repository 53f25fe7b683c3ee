import { compileModel, createBuiltinRegistry, formsOf, type CompiledForm, type CompiledModel, type Problem } from '@lattice/runtime';
import type { MetadataEntity } from '../shell/console-metadata.js';

/** A form as the typed `forms` query answers it (nulls for what the document leaves out). */
export interface ServedFormData {
  key: string;
  entity: string;
  label: unknown;
  isDefault: boolean;
  audience: unknown;
  conditions: unknown;
  layer: string | null;
  tabs: Array<{
    key: string;
    label: unknown;
    sections: Array<{
      key: string;
      label: unknown;
      columns: number;
      readOnly: boolean;
      visible: unknown;
      relatedList: { field: string; columns: string[]; sort?: Array<{ field: string; direction: string }>; pageSize?: number } | null;
      fields: Array<{ field: string; label: unknown; help: unknown; placeholder: unknown; widget: string | null; visible: unknown; required: unknown; readOnly: unknown; readOnlyAfterCreate: unknown; invalid: unknown; options: unknown }>;
    }>;
  }>;
}

const registry = createBuiltinRegistry();

/** The API's nulls are "not set" in a document. */
function withoutNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

/** The served form back as the form document the runtime checks and compiles (the layers already folded in by the server). */
export function formDocumentOf(form: ServedFormData): Record<string, unknown> {
  return withoutNulls({
    kind: 'form',
    key: form.key,
    entity: form.entity,
    label: form.label,
    default: form.isDefault,
    for: form.audience,
    conditions: form.conditions,
    tabs: form.tabs.map((tab) => withoutNulls({
      key: tab.key,
      label: tab.label,
      sections: tab.sections.map((section) => withoutNulls({
        key: section.key,
        label: section.label,
        columns: section.columns,
        readOnly: section.readOnly || null,
        visible: section.visible,
        fields: section.fields.map((field) => withoutNulls(field)),
      })),
    })),
  });
}

export type CompiledServedForms = { ok: true; forms: readonly CompiledForm[]; model: CompiledModel } | { ok: false; problems: readonly Problem[] };

/**
 * Compiles the served forms of an entity with the runtime: the same
 * compiled conditions the server checks the write with, run here on every
 * keystroke. The model holds only what form logic reads: the entity and
 * the entities its references point at, as the user's effective metadata
 * has them (fields they may not read are not in it, nor indexes over
 * them); related lists are shown, not checked, so they stay out.
 */
export function compileServedForms(forms: readonly ServedFormData[], entities: readonly MetadataEntity[], entityKey = forms[0]?.entity): CompiledServedForms {
  const main = entities.find((e) => e.key === entityKey);
  if (!main || !entityKey) return { ok: false, problems: [] };
  const readable = new Set(entities.map((e) => e.key));
  const keys = new Set([main.key, ...main.fields.flatMap((f) => (f.type === 'reference' && f.target && readable.has(f.target) ? [f.target] : []))]);
  const documents = entities
    .filter((entity) => keys.has(entity.key))
    .map((entity) => {
      const fields = entity.fields.filter((field) => !field.target || (field.type === 'reference' && keys.has(field.target)));
      const present = new Set(fields.map((f) => f.key));
      const title = entity.titleField && present.has(entity.titleField) ? { titleField: entity.titleField } : {};
      return { ...entity, titleField: undefined, ...title, fields, ...(entity.indexes ? { indexes: entity.indexes.filter((index) => index.fields.every((key) => present.has(key))) } : {}) };
    });
  const compiled = compileModel({ entities: documents, forms: forms.map(formDocumentOf) }, registry);
  if (!compiled.ok) return { ok: false, problems: compiled.problems };
  return { ok: true, model: compiled.value, forms: formsOf(compiled.value).ofEntity(entityKey) };
}
