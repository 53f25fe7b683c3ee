import type { CompiledModel } from '../compile/compiled-model.js';
import { ok, type Checked } from '../problems/problem.js';
import type { CompiledForm } from './compile-form.js';
import type { CompiledForms } from './unit-forms.js';

/** The metadata set's key, and the compiled model's section, of forms. */
export const FORMS_SECTION = 'forms';

/** A version's forms, as the base has them and as each unit gets them. */
export interface ModelForms {
  /** The base forms (core's). */
  readonly all: readonly CompiledForm[];
  /** An entity's forms, as the unit at the end of `layerPath` (layer keys, group first) sees them; none when its layers' forms do not fold (see `forUnit`). */
  ofEntity(entityKey: string, layerPath?: readonly string[]): readonly CompiledForm[];
  /** Every form of a unit, or the problems folding its layers' form overlays (locks along the path): the platform's plan check per unit. */
  forUnit(layerPath: readonly string[]): Checked<readonly CompiledForm[]>;
}

const NO_FORMS: ModelForms = { all: [], ofEntity: () => [], forUnit: () => ok([]) };

/** Made once per model: the browser asks for them on every keystroke's check. */
const made = new WeakMap<CompiledModel, ModelForms>();

/** The forms section of a model (none when its set has no forms). */
export function formsOf(model: CompiledModel): ModelForms {
  let answer = made.get(model);
  if (!answer) made.set(model, (answer = formsFrom(model.section<CompiledForms>(FORMS_SECTION))));
  return answer;
}

function formsFrom(forms: CompiledForms | undefined): ModelForms {
  if (!forms) return NO_FORMS;
  return {
    all: forms.all,
    ofEntity: (entityKey, layerPath) => {
      if (!layerPath?.length) return forms.all.filter((f) => f.entity === entityKey);
      const forUnit = forms.forUnit(layerPath);
      return forUnit.ok ? forUnit.value.filter((f) => f.entity === entityKey) : [];
    },
    forUnit: (layerPath) => forms.forUnit(layerPath),
  };
}
