import { conditionTest, type FormCompileOptions, type LogicTest } from '../forms/compile-form.js';
import { hashOf } from '../model/model-hash.js';
import { fromStates, type CheckedWorkflow } from './check-workflow.js';
import type { WorkflowDocument, WorkflowStateDocument, WorkflowTransitionDocument } from './workflow.document.js';
import type { TimeLimit } from './time-limit.document.js';
import { timeLimitForTimers } from './escalation-choice.js';

/** One transition of a compiled workflow: its document, the states it leaves, and its guard as a compiled rule. */
export interface CompiledTransition {
  readonly key: string;
  readonly document: WorkflowTransitionDocument;
  readonly from: readonly string[];
  readonly to: string;
  readonly required: readonly string[];
  /** Holds on the record as the transition leaves it; none: always. */
  readonly guard?: LogicTest;
}

/** What the timer engine reads of a state. */
export interface StateSettings {
  /** Rule-chosen targets with the named conditions written out (`timeLimitForTimers`). */
  readonly timeLimit?: TimeLimit;
  readonly clockStops: readonly string[];
  /** Whether this state itself stops the clock. */
  readonly stopsClock: boolean;
}

/** A workflow as a machine: states, the transitions out of each, guards compiled once. Never mutated. */
export interface CompiledWorkflow {
  readonly key: string;
  readonly entity: string;
  readonly document: WorkflowDocument;
  /** Hash of the document: a record pins the definition it started on by it. */
  readonly hash: string;
  readonly stateField: string;
  readonly initial: string;
  state(key: string): WorkflowStateDocument | undefined;
  transition(key: string): CompiledTransition | undefined;
  /** The transitions that leave a state, in document order. */
  transitionsFrom(state: string): readonly CompiledTransition[];
  settings(state: string): StateSettings;
}

export function compileWorkflow(checked: CheckedWorkflow, options: FormCompileOptions): CompiledWorkflow {
  const { document } = checked;
  const transitions = document.transitions.map((t): CompiledTransition => {
    const guard = checked.guards.get(t.key);
    return {
      key: t.key,
      document: t,
      from: fromStates(t.from),
      to: t.to,
      required: t.required ?? [],
      ...(guard ? { guard: conditionTest(guard, `transitions[${t.key}].guard`, checked.conditions, options) } : {}),
    };
  });
  const states = new Map(document.states.map((s) => [s.key, s]));
  const limits = new Map(document.states.flatMap((s) => (s.timeLimit ? [[s.key, timeLimitForTimers(s.timeLimit, checked.conditions)] as const] : [])));
  const byKey = new Map(transitions.map((t) => [t.key, t]));
  const clockStops = document.clockStops ?? [];
  return Object.freeze({
    key: document.key,
    entity: document.entity,
    document,
    hash: hashOf(document),
    stateField: document.stateField,
    initial: document.initial,
    state: (key: string) => states.get(key),
    transition: (key: string) => byKey.get(key),
    transitionsFrom: (state: string) => transitions.filter((t) => t.from.includes(state)),
    settings: (state: string): StateSettings => {
      const timeLimit = limits.get(state);
      return { ...(timeLimit ? { timeLimit } : {}), clockStops, stopsClock: clockStops.includes(state) };
    },
  });
}
