import type { CompiledEntity, CompiledModel } from '../compile/compiled-model.js';
import type { Problem } from '../problems/problem.js';

/** The verbs every record write is one of: each runs the same pipeline of steps. */
export type WriteVerb = 'create' | 'update' | 'softDelete' | 'restore';

export const WRITE_VERBS: readonly WriteVerb[] = ['create', 'update', 'softDelete', 'restore'];

/** Where in the write pipeline a hook runs: before the row is stored (it may refuse), or after (inside the same transaction). */
export type HookStep = 'beforePersist' | 'afterPersist';

type PlainRecord = Readonly<Record<string, unknown>>;

/**
 * The records a hook may read and write: the access point of the write it
 * runs in, so with the writer's permissions and inside the write's
 * transaction (what a hook writes rolls back with the write).
 */
export interface HookRecords {
  get(entityName: string, id: string): Promise<PlainRecord | null>;
  create(entityName: string, input: Record<string, unknown>): Promise<PlainRecord>;
  update(entityName: string, id: string, version: number, input: Record<string, unknown>): Promise<PlainRecord>;
}

/** What a hook sees of one record's write. */
export interface RecordHookContext {
  readonly verb: WriteVerb;
  readonly model: CompiledModel;
  readonly entity: CompiledEntity;
  /** The record before the write; null on create. */
  readonly stored: PlainRecord | null;
  /** What the caller asked to change (the input of a create, the patch of an update; empty for a delete or restore). */
  readonly patch: PlainRecord;
  /** The record as the write leaves it: stored values, then what the write stores. */
  readonly record: PlainRecord;
  /** The record's id; on a create, known from `afterPersist` on. */
  readonly id: string | null;
  /** Who writes: null for the platform itself (seeds, local commands). */
  readonly actor: { readonly id: string | null; readonly name: string };
  readonly records: HookRecords;
}

/**
 * Code run at a named step of every write of an entity (`'*'`: of every
 * entity). A `beforePersist` hook may return problems (field errors) that
 * refuse the write as a form problem does; what either step throws, or a
 * run past `timeoutMs`, fails the whole write with nothing stored.
 */
export interface RecordHook {
  /** Unique within its plugin: errors and logs name the plugin and this key. */
  readonly key: string;
  /** Entity key, or `'*'` for every entity. */
  readonly entity: string;
  /** The verbs it runs on; all of them when omitted. */
  readonly verbs?: readonly WriteVerb[];
  readonly step: HookStep;
  /** Longest run (ms) before the write fails; the platform's default when omitted. */
  readonly timeoutMs?: number;
  run(context: RecordHookContext): Promise<readonly Problem[] | void> | readonly Problem[] | void;
}

/** Problems of a plugin's hook list, each with its path (`hooks[i].field`): empty when the hooks can be registered. */
export function recordHookProblems(pluginKey: string, hooks: readonly RecordHook[]): Problem[] {
  const problems: Problem[] = [];
  const keys = new Set<string>();
  hooks.forEach((hook, i) => {
    const at = `plugins[${pluginKey}].hooks[${i}]`;
    if (typeof hook.key !== 'string' || !/^[a-z][a-z0-9-]*$/.test(hook.key)) problems.push({ code: 'hook.bad-key', path: `${at}.key`, message: 'A hook key is lower-case letters, digits and dashes' });
    else if (keys.has(hook.key)) problems.push({ code: 'hook.duplicate-key', path: `${at}.key`, message: `Plugin "${pluginKey}" has two hooks with the key "${hook.key}"` });
    keys.add(hook.key);
    if (typeof hook.entity !== 'string' || !hook.entity) problems.push({ code: 'hook.no-entity', path: `${at}.entity`, message: 'Name the entity key the hook runs on, or "*" for every entity' });
    if (hook.step !== 'beforePersist' && hook.step !== 'afterPersist') problems.push({ code: 'hook.unknown-step', path: `${at}.step`, message: `A hook runs at "beforePersist" or "afterPersist", not "${String(hook.step)}"` });
    for (const verb of hook.verbs ?? []) {
      if (!WRITE_VERBS.includes(verb)) problems.push({ code: 'hook.unknown-verb', path: `${at}.verbs`, message: `"${String(verb)}" is not a write verb (${WRITE_VERBS.join(', ')})` });
    }
    if (hook.timeoutMs !== undefined && !(Number.isInteger(hook.timeoutMs) && hook.timeoutMs > 0)) problems.push({ code: 'hook.bad-timeout', path: `${at}.timeoutMs`, message: 'A hook\'s time limit is a whole number of milliseconds above 0' });
    if (typeof hook.run !== 'function') problems.push({ code: 'hook.no-run', path: `${at}.run`, message: 'A hook has a run(context) function' });
  });
  return problems;
}
