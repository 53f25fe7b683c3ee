import type { LayerDocument } from '../layers/layer.document.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import type { FormCheckContext } from './check-form.js';
import type { CompiledForm } from './compile-form.js';
import { compileForms } from './compile-forms.js';
import { foldFormLayers } from './fold-form-layers.js';
import type { FormDocument } from './form.document.js';

/** The forms section of a model: the base forms, and each unit's forms as its layers re-lay them out. */
export interface CompiledForms {
  readonly all: readonly CompiledForm[];
  /**
   * The forms for the unit at the end of `layerPath` (layer keys, group
   * first; keys without a layer are skipped): folded, checked and compiled
   * once per path, then kept (a version has as many paths as its org tree).
   */
  forUnit(layerPath: readonly string[]): Checked<readonly CompiledForm[]>;
}

/**
 * Compiles the base forms, then checks each layer's form overlay on its own
 * over them (unknown forms, fields, sections; what the folded form gives
 * checkForm): problems at the layer's paths, or at `forms[<key>]` of the
 * re-laid-out form. Locks bind along a path, so they are checked when a
 * unit's forms are folded (`forUnit`, and the platform's plan check per
 * unit).
 */
export function compileUnitForms(inputs: readonly unknown[], layers: readonly LayerDocument[], context: FormCheckContext): Checked<CompiledForms> {
  const base = compileForms(inputs, context);
  if (!base.ok) return base;
  const documents = base.value.map((f) => f.document);
  const cache = new Map<string, Checked<readonly CompiledForm[]>>();
  const fold = (onPath: readonly LayerDocument[]): Checked<readonly CompiledForm[]> => {
    if (!onPath.some((l) => l.forms?.length)) return ok(base.value);
    const folded = foldFormLayers(documents, onPath);
    if (folded.problems.length) return failed([...folded.problems]);
    const owner = onPath[onPath.length - 1]?.key;
    const compiled = compileForms(folded.forms, context);
    if (!compiled.ok) return failed(compiled.problems.map((p): Problem => ({ ...p, message: `${p.message} (form as re-laid out down to layer "${owner}")` })));
    return ok(compiled.value.map((form) => (folded.forms !== documents && changedBy(form.document, folded.provenance) ? { ...form, layer: owner as string } : form)));
  };
  const problems = layers.filter((l) => l.forms?.length).flatMap((layer) => {
    const alone = fold([layer]);
    return alone.ok ? [] : alone.problems;
  });
  if (problems.length) return failed(problems);
  return ok({
    all: base.value,
    forUnit: (layerPath) => {
      const key = layerPath.join('/');
      let found = cache.get(key);
      if (!found) cache.set(key, (found = fold(layerPath.flatMap((k) => layers.filter((l) => l.key === k)))));
      return found;
    },
  });
}

function changedBy(form: FormDocument, provenance: ReadonlyMap<string, string>): boolean {
  for (const element of provenance.keys()) if (element.startsWith(`forms[${form.key}].`)) return true;
  return false;
}
