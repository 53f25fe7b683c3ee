import type { CompileOptions } from '../compile/compile-options.js';
import type { AnyFieldType } from '../field-types/field-type.js';
import { createBuiltinOperators } from '../rules/builtin-operators.js';
import type { RuleOperator, RuleOperatorDecorator } from '../rules/operator-registry.js';
import { FactRegistry, type ComputedFact } from '../rules/fact-registry.js';
import type { RecordHook } from './record-hooks.js';
import { pluginApiMismatch } from './plugin-api-version.js';
import type { PluginGraphql } from './plugin-graphql.js';
import type { PluginWorkflowAction } from '../workflows/workflow-action.js';
import { NameOwners } from './name-owners.js';

/**
 * What a plugin gives the platform. Plugins are code a deployment chooses
 * (they are not metadata); each part they add is used exactly like a
 * built-in one, through the same checks: a rule using a plugin's operator
 * is checked at plan time, compiled, and runs inside the access point with
 * the caller's permissions. More kinds of part (workflow actions, Vue
 * widgets) join this interface as they come. Plugins are written against the
 * types of `@lattice/plugin-api`, which re-exports these.
 */
export interface LatticePlugin {
  /** Lower-case, unique among a deployment's plugins: problems and logs name it. */
  readonly key: string;
  /** The plugin API version (`@lattice/plugin-api`'s) the plugin was written against: another major, or a newer minor, is refused at start. */
  readonly apiVersion: string;
  /** Field types beside the built-in ones: stored by their storage kind, served, filtered and validated by their codec exactly like a built-in. */
  readonly fieldTypes?: readonly AnyFieldType[];
  /** Comparison operators rules and tariff eligibility may use, beside json-rules-engine's. */
  readonly ruleOperators?: readonly RuleOperator[];
  readonly ruleOperatorDecorators?: readonly RuleOperatorDecorator[];
  /** Computed facts rules, tariff eligibility, form conditions and views may read, each with its type (checked at plan time). */
  readonly facts?: readonly ComputedFact[];
  /** Code run at named steps of every write of an entity, inside the write's transaction (`record-hooks.ts`). */
  readonly hooks?: readonly RecordHook[];
  /** Queries, mutations and types added to the record API, resolved through the caller's access point. */
  readonly graphql?: PluginGraphql;
  /** Actions workflow documents may call (`{ plugin: { action } }`), run after the transition commits. */
  readonly workflowActions?: readonly PluginWorkflowAction[];
}

/** Typed identity, for code that has the runtime at hand; a plugin types itself with `LatticePlugin` from `@lattice/plugin-api` instead. */
export function definePlugin(plugin: LatticePlugin): LatticePlugin {
  return plugin;
}

/**
 * The registries compiling metadata uses with these plugins: the built-in
 * operators plus the plugins', and the plugins' computed facts. A name taken twice (by two plugins, or by a
 * plugin and a built-in) stops the start with both owners named, rather
 * than letting one silently win.
 */
export function compileOptionsWith(plugins: readonly LatticePlugin[]): CompileOptions {
  const operators = createBuiltinOperators();
  const operatorNames = new NameOwners('rule operator', operators.operatorNames(), 'the built-in operators');
  const decoratorNames = new NameOwners('rule operator decorator', operators.decoratorNames(), 'the built-in decorators');
  const factNames = new NameOwners('fact', [], '', 'has');
  const keys = new Set<string>();
  const facts = new FactRegistry();
  for (const plugin of plugins) {
    if (!/^[a-z][a-z0-9-]*$/.test(plugin.key)) throw new Error(`Plugin key "${plugin.key}" must be lower-case letters, digits and dashes`);
    if (keys.has(plugin.key)) throw new Error(`Two plugins have the key "${plugin.key}"`);
    const mismatch = pluginApiMismatch(plugin.key, plugin.apiVersion);
    if (mismatch) throw new Error(mismatch);
    keys.add(plugin.key);
    for (const operator of plugin.ruleOperators ?? []) {
      operatorNames.claim(plugin.key, operator.name);
      operators.register(operator);
    }
    for (const decorator of plugin.ruleOperatorDecorators ?? []) {
      decoratorNames.claim(plugin.key, decorator.name);
      operators.registerDecorator(decorator);
    }
    for (const fact of plugin.facts ?? []) {
      factNames.claim(plugin.key, fact.name);
      facts.register(fact);
    }
  }
  return { operators, facts };
}
