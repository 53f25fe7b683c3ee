import type { WriteVerb } from '@lattice/runtime';
import type { WriteContext } from './write-context.js';

/** The named steps of the write pipeline, in the order they run. */
export type WriteStepName = 'authorise' | 'fieldSecurity' | 'referenceVisibility' | 'lockStored' | 'checkRecord' | 'beforePersist' | 'persist' | 'audit' | 'afterPersist' | WorkflowStepName;

/** The workflow module's steps (`workflows/transition-steps.ts`), placed among the others by `withWorkflowSteps`. */
export type WorkflowStepName = 'authoriseTransition' | 'checkTransition' | 'recordTransition';

/** One step: it runs for the verbs it names and is skipped for the others. */
export interface WriteStep {
  readonly name: WriteStepName;
  readonly verbs: readonly WriteVerb[];
  run(context: WriteContext): Promise<void> | void;
}
