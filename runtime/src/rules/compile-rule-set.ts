import { hashOf } from '../model/model-hash.js';
import { compileRules, type CompiledRules } from './compile-rules.js';
import type { FactRegistry } from './fact-registry.js';
import type { OperatorRegistry } from './operator-registry.js';
import type { RuleKind, RuleSetDocument } from './rule-set.document.js';

/** A checked rule set, compiled: its rules' kinds and the closures that run them. */
export interface CompiledRuleSet {
  readonly key: string;
  /** SHA-256 of the document in canonical JSON: a version's compiled rules are cached by it. */
  readonly hash: string;
  readonly entity: string;
  readonly rules: CompiledRules;
  readonly kinds: ReadonlyMap<string, RuleKind>;
  readonly document: RuleSetDocument;
  /** The registries it was compiled with: running it (facts read by `applyRecordRules`) must use the same. */
  readonly options: RuleCompileOptions;
  /** A layer's validations: the org unit whose records (and those below it) they apply to; absent: every record. */
  readonly layer?: string;
}

export interface RuleCompileOptions {
  readonly operators: OperatorRegistry;
  readonly facts: FactRegistry;
  readonly allowUndefinedFacts?: boolean;
}

/** Compiles a rule set that `checkRuleSet` accepted. */
export function compileRuleSet(document: RuleSetDocument, options: RuleCompileOptions): CompiledRuleSet {
  const rules = compileRules(
    document.rules.map((rule) => ({ key: rule.key, conditions: rule.conditions, event: rule.event, ...(rule.priority === undefined ? {} : { priority: rule.priority }) })),
    { ...options, ...(document.conditions ? { conditions: document.conditions } : {}) },
  );
  return Object.freeze({
    key: document.key,
    hash: hashOf(document),
    entity: document.entity,
    rules,
    kinds: new Map(document.rules.map((rule) => [rule.key, rule.kind])),
    document,
    options,
  });
}
