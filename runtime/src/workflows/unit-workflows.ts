import type { LayerDocument } from '../layers/layer.document.js';
import { failed, ok, type Checked, type Problem } from '../problems/problem.js';
import { checkWorkflow, type WorkflowCheckContext } from './check-workflow.js';
import { compileWorkflow, type CompiledWorkflow } from './compile-workflow.js';
import { foldWorkflowLayers } from './fold-workflow-layers.js';
import type { WorkflowDocument } from './workflow.document.js';

/** The workflows section of a model: the base workflows, and each unit's as its layers change their time limits. */
export interface CompiledWorkflows {
  readonly all: readonly CompiledWorkflow[];
  /** The workflows of the unit at the end of `layerPath` (layer keys, group first), folded once per path and kept. */
  forUnit(layerPath: readonly string[]): Checked<readonly CompiledWorkflow[]>;
  /** An entity's workflow as a unit gets it; none when the entity has none (or its layers do not fold: see `forUnit`). */
  of(entityKey: string, layerPath?: readonly string[]): CompiledWorkflow | undefined;
}

/** Checks and compiles one workflow document (a stored definition a record pinned, or one of the set): problems at `workflows[<key>]…`. */
export function compileWorkflowDocument(input: unknown, context: WorkflowCheckContext): Checked<CompiledWorkflow> {
  const key = input !== null && typeof input === 'object' && typeof (input as { key?: unknown }).key === 'string' ? (input as { key: string }).key : '?';
  const checked = checkWorkflow(input, context);
  if (!checked.ok) return failed(checked.problems.map((p) => ({ ...p, path: p.path ? `workflows[${key}].${p.path}` : `workflows[${key}]` })));
  return ok(compileWorkflow(checked.value, context));
}

/**
 * Compiles the base workflows (one per entity), then checks each layer's
 * overrides alone over them; locks bind along a path, so they are checked
 * again when a unit's workflows are folded (`forUnit`).
 */
export function compileUnitWorkflows(inputs: readonly unknown[], layers: readonly LayerDocument[], context: WorkflowCheckContext): Checked<CompiledWorkflows> {
  const problems: Problem[] = [];
  const base: CompiledWorkflow[] = [];
  const entities = new Map<string, string>();
  const keys = new Set<string>();
  for (const input of inputs) {
    const compiled = compileWorkflowDocument(input, context);
    if (!compiled.ok) {
      problems.push(...compiled.problems);
      continue;
    }
    const { key, entity } = compiled.value;
    if (keys.has(key)) problems.push({ code: 'workflow.duplicate-workflow', path: `workflows[${key}]`, message: `two workflows have the key "${key}"` });
    const other = entities.get(entity);
    if (other) problems.push({ code: 'workflow.duplicate-entity', path: `workflows[${key}].entity`, message: `entity "${entity}" already follows workflow "${other}"; an entity follows one workflow` });
    keys.add(key);
    entities.set(entity, key);
    base.push(compiled.value);
  }
  if (problems.length) return failed(problems);
  const documents: readonly WorkflowDocument[] = base.map((w) => w.document);
  const fold = (onPath: readonly LayerDocument[]): Checked<readonly CompiledWorkflow[]> => {
    if (!onPath.some((l) => l.workflows?.length)) return ok(base);
    const folded = foldWorkflowLayers(documents, onPath);
    if (folded.problems.length) return failed([...folded.problems]);
    const out: CompiledWorkflow[] = [];
    for (const [i, document] of folded.workflows.entries()) {
      if (document === documents[i]) out.push(base[i] as CompiledWorkflow);
      else {
        const compiled = compileWorkflowDocument(document, context);
        if (!compiled.ok) return compiled;
        out.push(compiled.value);
      }
    }
    return ok(out);
  };
  for (const layer of layers.filter((l) => l.workflows?.length)) {
    const alone = fold([layer]);
    if (!alone.ok) problems.push(...alone.problems);
  }
  if (problems.length) return failed(problems);
  const cache = new Map<string, Checked<readonly CompiledWorkflow[]>>();
  const forUnit = (layerPath: readonly string[]) => {
    const key = layerPath.join('/');
    let found = cache.get(key);
    if (!found) cache.set(key, (found = fold(layerPath.flatMap((k) => layers.filter((l) => l.key === k)))));
    return found;
  };
  return ok({
    all: base,
    forUnit,
    of: (entityKey, layerPath) => {
      const unit = layerPath?.length ? forUnit(layerPath) : ok(base);
      return unit.ok ? unit.value.find((w) => w.entity === entityKey) : undefined;
    },
  });
}
