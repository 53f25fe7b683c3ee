import { foldLayers, type CompiledModel, type CompiledWorkflows, type FieldTypeRegistry, type LayerConflict, type LayerDocument, type Problem } from '@lattice/runtime';
import { formsOf } from '@lattice/runtime';

/** What plan needs of the org tree to place layers: a layer's key is its unit's key. */
export interface LayerTree {
  /** Unit keys from the root down to the unit, or undefined when no such unit exists. */
  pathKeys(unitKey: string): readonly string[] | undefined;
  mayOwnLayer(unitKey: string): boolean;
}

export interface LayerCheck {
  readonly problems: readonly Problem[];
  readonly conflicts: readonly LayerConflict[];
}

/**
 * Folds every layer of a version along its path in the org tree, as its
 * subtree will see it, and collects what is wrong: layers of units that do
 * not exist or may not own one, overrides of locked or non-overridable
 * properties, and conflicts (a higher layer changed what a lower one
 * overrode). Publish requires none. Each layer is folded once, on its own
 * path: a conflict shows at the lowest layer involved. The unit's forms are
 * folded along the same path (`formsForUnit`): a form layout that breaks
 * there (a locked section moved, a field the fold loses) is a problem too.
 */
export function checkLayers(model: CompiledModel, tree: LayerTree, registry: FieldTypeRegistry): LayerCheck {
  const problems = new Map<string, Problem>();
  const conflicts = new Map<string, LayerConflict>();
  for (const layer of model.layers) {
    const path = tree.pathKeys(layer.key);
    if (!path) {
      problems.set(`unknown:${layer.key}`, { code: 'layer.unknown-unit', path: `layers[${layer.key}]`, message: `Layer "${layer.key}" belongs to no org unit`, hint: 'A layer is keyed by the key of the org unit that owns it' });
      continue;
    }
    if (!tree.mayOwnLayer(layer.key)) {
      problems.set(`kind:${layer.key}`, { code: 'layer.unit-kind', path: `layers[${layer.key}]`, message: `Org unit "${layer.key}" is of a kind that may not own a layer`, hint: 'Allow its unit kind to own layers, or move the layer to the unit above' });
      continue;
    }
    const onPath = path.flatMap((key) => model.layerByKey(key) ?? []) as LayerDocument[];
    const folded = foldLayers(model.base, onPath, registry);
    for (const problem of folded.problems) problems.set(`${problem.code}|${problem.path}|${problem.message}`, problem);
    for (const conflict of folded.conflicts) conflicts.set(`${conflict.layer}|${conflict.element}|${conflict.property}`, conflict);
    // The forms the unit's users get, re-laid out by every layer on its path (a lock above binds the layers below).
    const forms = formsOf(model).forUnit(path);
    if (!forms.ok) for (const problem of forms.problems) problems.set(`${problem.code}|${problem.path}|${problem.message}`, problem);
    // The workflows' time limits as the unit gets them (a state locked above stays as it was).
    const workflows = model.section<CompiledWorkflows>('workflows')?.forUnit(path);
    if (workflows && !workflows.ok) for (const problem of workflows.problems) problems.set(`${problem.code}|${problem.path}|${problem.message}`, problem);
  }
  return { problems: [...problems.values()], conflicts: [...conflicts.values()] };
}
