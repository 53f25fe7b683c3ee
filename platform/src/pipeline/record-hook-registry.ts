import { recordHookProblems, type HookStep, type LatticePlugin, type RecordHook, type WriteVerb } from '@lattice/runtime';

/** A hook with the plugin (or first-party module) that registered it. */
export interface RegisteredHook {
  readonly owner: string;
  readonly hook: RecordHook;
}

/**
 * Every record hook of a node, from first-party modules (the tariff
 * catalog's sealed quotes) and from plugins alike, registered the same way:
 * `definePlugin({ hooks })`. Looked up per entity, verb and step on every write.
 */
export class RecordHookRegistry {
  readonly #hooks: RegisteredHook[] = [];
  readonly #found = new Map<string, readonly RegisteredHook[]>();

  /** Stops the start, naming the plugin and the hook, when a hook is malformed. */
  static of(plugins: readonly LatticePlugin[]): RecordHookRegistry {
    const registry = new RecordHookRegistry();
    for (const plugin of plugins) registry.register(plugin.key, plugin.hooks ?? []);
    return registry;
  }

  register(owner: string, hooks: readonly RecordHook[]): void {
    const problems = recordHookProblems(owner, hooks);
    if (problems.length) throw new Error(`Plugin "${owner}" has hooks that cannot be registered: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.#hooks.push(...hooks.map((hook) => ({ owner, hook })));
    this.#found.clear();
  }

  /** In registration order: first-party modules first, then plugins in the order the deployment lists them. */
  at(entityKey: string, verb: WriteVerb, step: HookStep): readonly RegisteredHook[] {
    const key = `${entityKey}\n${verb}\n${step}`;
    let found = this.#found.get(key);
    if (!found) {
      found = this.#hooks.filter(({ hook }) => hook.step === step && (hook.entity === '*' || hook.entity === entityKey) && (!hook.verbs || hook.verbs.includes(verb)));
      this.#found.set(key, found);
    }
    return found;
  }
}
