import { copyJson } from '../layers/copy-json.js';
import type { LayerDocument } from '../layers/layer.document.js';
import { problem, type Problem } from '../problems/problem.js';
import type { FormDocument, FormSectionDocument } from './form.document.js';
import type { FormOverlay } from './form-overlay.document.js';

export interface FoldedForms {
  /** The forms as this unit sees them: copies, the inputs are never changed. */
  readonly forms: FormDocument[];
  /** Which layer last changed an element: `forms[customer_main].sections[district]` → `sc_cd`. What is absent is core's. */
  readonly provenance: ReadonlyMap<string, string>;
  /** Locks in force below the unit: `forms[customer_main].sections[identity]` (or `forms[customer_main]`) → the locking layer. */
  readonly locks: ReadonlyMap<string, string>;
  readonly problems: readonly Problem[];
}

/**
 * The forms of a unit: the base forms with the form overlays of the layers
 * on its path applied in order (group first). A layer may hide, move,
 * add and relabel only where no layer above it locked the section (or the
 * whole form); a refused entry is reported at the layer's path
 * (`layers[sc_cd].forms[customer_main].move[0]`) and not applied, the rest
 * of the layer still is. The folded forms are then checked like any form.
 */
export function foldFormLayers(base: readonly FormDocument[], layersOnPath: readonly LayerDocument[]): FoldedForms {
  const forms = base.map((form) => copyJson(form));
  const provenance = new Map<string, string>();
  const locks = new Map<string, string>();
  const problems: Problem[] = [];
  for (const layer of layersOnPath) {
    for (const overlay of layer.forms ?? []) {
      const at = `layers[${layer.key}].forms[${overlay.key}]`;
      const form = forms.find((f) => f.key === overlay.key);
      if (!form) {
        problems.push(problem('layer.unknown-form', at, `no form with key "${overlay.key}"`, `forms: ${forms.map((f) => f.key).join(', ')}`));
        continue;
      }
      applyOverlay(form, overlay, layer.key, at, { provenance, locks, problems });
    }
    // A layer's locks bind the layers below it, never itself: recorded after its own changes.
    for (const overlay of layer.forms ?? []) for (const target of overlay.lock ?? []) locks.set(target === '*' ? `forms[${overlay.key}]` : `forms[${overlay.key}].sections[${target}]`, layer.key);
  }
  return { forms, provenance, locks, problems };
}

interface FoldState {
  readonly provenance: Map<string, string>;
  readonly locks: ReadonlyMap<string, string>;
  readonly problems: Problem[];
}

function applyOverlay(form: FormDocument, overlay: FormOverlay, layer: string, at: string, state: FoldState): void {
  const sections = () => form.tabs.flatMap((t) => t.sections);
  const sectionOf = (key: string) => sections().find((s) => s.key === key);
  const holding = (field: string) => sections().find((s) => s.fields.some((f) => f.field === field));
  const lockedBy = (section: string | undefined) => state.locks.get(`forms[${form.key}]`) ?? (section ? state.locks.get(`forms[${form.key}].sections[${section}]`) : undefined);
  const refuse = (path: string, section: string | undefined): boolean => {
    const owner = lockedBy(section);
    if (owner) state.problems.push(problem('layer.locked', path, `layer "${owner}" locked ${section ? `section "${section}" of` : ''} form "${form.key}" for the layers below it`, `ask "${owner}" to unlock it`));
    return owner !== undefined;
  };
  const mark = (element: string) => state.provenance.set(`forms[${form.key}].${element}`, layer);
  const unknownSection = (path: string, key: string) => state.problems.push(problem('layer.unknown-section', path, `form "${form.key}" has no section "${key}"`, `sections: ${sections().map((s) => s.key).join(', ')}`));
  const unknownField = (path: string, name: string) => state.problems.push(problem('layer.unknown-field', path, `form "${form.key}" has no field "${name}"`));

  overlay.addSections?.forEach((added, index) => {
    const path = `${at}.addSections[${index}]`;
    const tab = form.tabs.find((t) => t.key === added.tab);
    if (!tab) return void state.problems.push(problem('layer.unknown-tab', `${path}.tab`, `form "${form.key}" has no tab "${added.tab}"`));
    if (sectionOf(added.section.key)) return void state.problems.push(problem('layer.duplicate-section', `${path}.section.key`, `form "${form.key}" already has a section "${added.section.key}"`));
    if (refuse(path, undefined)) return;
    const after = added.after === undefined ? tab.sections.length - 1 : tab.sections.findIndex((s) => s.key === added.after);
    if (after < 0) return void unknownSection(`${path}.after`, added.after as string);
    tab.sections.splice(after + 1, 0, copyJson(added.section) as FormSectionDocument);
    mark(`sections[${added.section.key}]`);
  });
  overlay.hideSections?.forEach((key, index) => {
    const path = `${at}.hideSections[${index}]`;
    const section = sectionOf(key);
    if (!section) return void unknownSection(path, key);
    if (refuse(path, key)) return;
    section.visible = false;
    mark(`sections[${key}]`);
  });
  overlay.hideFields?.forEach((name, index) => {
    const path = `${at}.hideFields[${index}]`;
    const section = holding(name);
    if (!section) return void unknownField(path, name);
    if (refuse(path, section.key)) return;
    (section.fields.find((f) => f.field === name) as { visible?: unknown }).visible = false;
    mark(`fields[${name}]`);
  });
  overlay.move?.forEach((move, index) => {
    const path = `${at}.move[${index}]`;
    const from = holding(move.field);
    const to = sectionOf(move.to);
    if (!from) return void unknownField(`${path}.field`, move.field);
    if (!to) return void unknownSection(`${path}.to`, move.to);
    if (refuse(path, from.key) || refuse(path, to.key)) return;
    const item = from.fields.splice(from.fields.findIndex((f) => f.field === move.field), 1)[0]!;
    const after = move.after === undefined ? to.fields.length - 1 : to.fields.findIndex((f) => f.field === move.after);
    if (after < 0 && move.after !== undefined) {
      from.fields.push(item);
      return void unknownField(`${path}.after`, move.after);
    }
    to.fields.splice(after + 1, 0, item);
    mark(`fields[${move.field}]`);
  });
  overlay.relabel?.forEach((relabel, index) => {
    const path = `${at}.relabel[${index}]`;
    if ('section' in relabel) {
      const section = sectionOf(relabel.section);
      if (!section) return void unknownSection(`${path}.section`, relabel.section);
      if (refuse(path, section.key)) return;
      section.label = relabel.label;
      return void mark(`sections[${relabel.section}]`);
    }
    const section = holding(relabel.field);
    if (!section) return void unknownField(`${path}.field`, relabel.field);
    if (refuse(path, section.key)) return;
    (section.fields.find((f) => f.field === relabel.field) as { label?: unknown }).label = relabel.label;
    mark(`fields[${relabel.field}]`);
  });
}
