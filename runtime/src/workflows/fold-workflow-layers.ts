import type { LayerDocument } from '../layers/layer.document.js';
import { problem, type Problem } from '../problems/problem.js';
import type { WorkflowDocument } from './workflow.document.js';

export interface FoldedWorkflows {
  readonly workflows: readonly WorkflowDocument[];
  readonly problems: readonly Problem[];
  /** `workflows[<key>].states[<state>].timeLimit` → the layer that set it. */
  readonly provenance: ReadonlyMap<string, string>;
}

/**
 * The workflows as the unit at the end of `layers` (group first) gets them:
 * each layer's state time limits over the ones above, unless the workflow
 * document or a layer above locked the state (or `*`). A lock holds for
 * every layer below the one that set it; a layer never unlocks.
 */
export function foldWorkflowLayers(base: readonly WorkflowDocument[], layers: readonly LayerDocument[]): FoldedWorkflows {
  const problems: Problem[] = [];
  const provenance = new Map<string, string>();
  const byKey = new Map(base.map((w) => [w.key, w]));
  const locks = new Map(base.map((w) => [w.key, new Map((w.lock ?? []).map((s) => [s, 'the workflow document']))]));
  for (const layer of layers) {
    (layer.workflows ?? []).forEach((overlay) => {
      const at = `layers[${layer.key}].workflows[${overlay.key}]`;
      const workflow = byKey.get(overlay.key);
      if (!workflow) {
        problems.push(problem('workflow.unknown-workflow', at, `no workflow "${overlay.key}" to override`, `workflows: ${[...byKey.keys()].join(', ') || 'none'}`));
        return;
      }
      const locked = locks.get(overlay.key) as Map<string, string>;
      let states = workflow.states;
      for (const change of overlay.states ?? []) {
        const path = `${at}.states[${change.key}].timeLimit`;
        if (!states.some((s) => s.key === change.key)) {
          problems.push(problem('workflow.unknown-state', path, `workflow "${overlay.key}" has no state "${change.key}"`));
          continue;
        }
        const lockedBy = locked.get(change.key) ?? locked.get('*');
        if (lockedBy) {
          problems.push(problem('workflow.locked', path, `the time limit of "${change.key}" is locked by ${lockedBy}`, 'ask the layer that locked it to change it, or to unlock it'));
          continue;
        }
        states = states.map((s) => (s.key === change.key ? { ...s, timeLimit: change.timeLimit } : s));
        provenance.set(`workflows[${overlay.key}].states[${change.key}].timeLimit`, layer.key);
      }
      for (const key of overlay.lock ?? []) if (!locked.has(key)) locked.set(key, `layer "${layer.key}"`);
      byKey.set(overlay.key, { ...workflow, states });
    });
  }
  return { workflows: base.map((w) => byKey.get(w.key) as WorkflowDocument), problems, provenance };
}
