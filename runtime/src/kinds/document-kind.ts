import type { CompiledModel } from '../compile/compiled-model.js';
import type { CompileRegistries } from '../compile/compile-options.js';
import type { Checked } from '../problems/problem.js';
import type { ComputedFact } from '../rules/fact-registry.js';

/** What a kind's compile pass works against: the storage model (entities, layers) and the registries of this compile. */
export interface KindContext {
  readonly model: CompiledModel;
  readonly registries: CompileRegistries;
  /** Today's date (`YYYY-MM-DD`) for facts of time. */
  readonly today: () => string;
}

/**
 * One kind of metadata document beside entities and layers (which make the
 * storage model every kind is checked against): the section of the set
 * holding its documents, and its pass — shape, checks and compile in one
 * call, all of its problems at their paths. A kind that declares facts
 * (`provides: 'facts'`) runs before the others, and the facts it gives join
 * the registry they compile with. Adding a kind is one entry here.
 */
export interface DocumentKind<T = unknown> {
  /** The documents' `kind` (`form`). */
  readonly kind: string;
  /** The metadata set's key holding them (`forms`). */
  readonly section: string;
  /** Whether the pass runs although the set has none of these documents (rule sets: layers add validations). */
  readonly runs?: (model: CompiledModel) => boolean;
  compile(documents: unknown, context: KindContext): Checked<T>;
  /** The computed facts the compiled section declares (only the facts kind). */
  readonly facts?: (compiled: T) => readonly ComputedFact[];
}

/** The kinds a compile dispatches to, in order; a value, never a module global. */
export class DocumentKindRegistry {
  readonly #kinds = new Map<string, DocumentKind>();

  constructor(kinds: Iterable<DocumentKind> = []) {
    for (const kind of kinds) this.register(kind);
  }

  register<T>(kind: DocumentKind<T>): this {
    if (this.#kinds.has(kind.kind) || this.all().some((k) => k.section === kind.section)) throw new Error(`Document kind "${kind.kind}" (section "${kind.section}") is already registered`);
    this.#kinds.set(kind.kind, kind as DocumentKind);
    return this;
  }

  get(kind: string): DocumentKind | undefined {
    return this.#kinds.get(kind);
  }

  all(): DocumentKind[] {
    return [...this.#kinds.values()];
  }

  sections(): string[] {
    return this.all().map((k) => k.section);
  }
}
