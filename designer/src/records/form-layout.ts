import type { FieldState, FormUser } from '@lattice/runtime';
import type { MetadataEntity, MetadataField, Viewer } from '../shell/console-metadata.js';
import { fieldRole } from './record-fields.js';
import type { ServedFormData } from './served-form.js';

/** What the form says about a field besides its logic. */
export interface FieldPresentation {
  label?: unknown;
  help?: unknown;
  placeholder?: unknown;
  widget?: string | null;
}

type ServedSection = ServedFormData['tabs'][number]['sections'][number];

export interface LayoutField {
  readonly field: MetadataField;
  readonly presentation: FieldPresentation;
}

export interface LayoutSection {
  readonly key: string;
  readonly label: unknown;
  readonly columns: number;
  readonly readOnly: boolean;
  readonly fields: readonly LayoutField[];
  readonly relatedList: ServedSection['relatedList'];
}

export interface LayoutTab {
  readonly key: string;
  readonly label: unknown;
  readonly sections: readonly LayoutSection[];
}

/** The form's tabs and sections with each field's metadata (fields the user may not read are not served). */
export function layoutOf(form: ServedFormData, entity: MetadataEntity): LayoutTab[] {
  const byName = new Map(entity.fields.map((f) => [f.name, f]));
  return form.tabs.map((tab) => ({
    key: tab.key,
    label: tab.label,
    sections: tab.sections.map((section) => ({
      key: section.key,
      label: section.label,
      columns: section.columns,
      readOnly: section.readOnly,
      relatedList: section.relatedList,
      fields: section.fields.flatMap((f) => {
        const field = byName.get(f.field);
        return field ? [{ field, presentation: { label: f.label, help: f.help, placeholder: f.placeholder, widget: f.widget } }] : [];
      }),
    })),
  }));
}

/** Without a published form: one section of every value and reference field, one related list per relation. */
export function defaultLayout(entity: MetadataEntity): LayoutTab[] {
  const shown = entity.fields.filter((f) => (fieldRole(f) === 'value' && f.type !== 'json') || fieldRole(f) === 'reference');
  const related = entity.fields.filter((f) => fieldRole(f) === 'related');
  return [{
    key: 'main',
    label: entity.label,
    sections: [
      { key: 'fields', label: null, columns: 2, readOnly: false, relatedList: null, fields: shown.map((field) => ({ field, presentation: {} })) },
      ...related.map((field) => ({ key: field.name, label: field.label, columns: 1, readOnly: false, relatedList: { field: field.name, columns: [] }, fields: [] })),
    ],
  }];
}

/** A field with no form logic: as its entity says. */
export function plainState(field: MetadataField): FieldState {
  return { visible: true, required: field.required === true, readOnly: false };
}

/** The user as form conditions see them: the roles of their primary unit, its path, their channel. */
export function formUserOf(viewer: Viewer): FormUser {
  const primary = viewer.positions.find((p) => p.primary) ?? viewer.positions[0];
  const roles = viewer.positions.filter((p) => p.unitId === primary?.unitId).map((p) => p.role);
  return { roles, unitPath: primary?.unitPath ?? [], channel: viewer.channel ?? 'api' };
}

/** A field's state from the form logic (as its entity says without logic); a field its entity requires is required wherever it is shown. */
export function fieldStateOf(states: ReadonlyMap<string, FieldState> | undefined, field: MetadataField): FieldState {
  const state = states?.get(field.name) ?? plainState(field);
  return state.visible && field.required && !state.required ? { ...state, required: true } : state;
}
