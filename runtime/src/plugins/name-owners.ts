/**
 * Who holds each name of one kind of plugin part (field types, rule
 * operators, decorators, facts): a second claim of a name stops the start
 * with both owners named, rather than letting one silently win.
 */
export class NameOwners {
  readonly #owners: Map<string, string>;

  /** `builtins`: the names the platform itself has, owned by `builtinOwner`; `verb`: how the message says an owner holds it. */
  constructor(
    private readonly part: string,
    builtins: readonly string[] = [],
    builtinOwner = '',
    private readonly verb: 'have' | 'has' = 'have',
  ) {
    this.#owners = new Map(builtins.map((name) => [name, builtinOwner]));
  }

  claim(pluginKey: string, name: string): void {
    const owner = this.#owners.get(name);
    if (owner) throw new Error(`Plugin "${pluginKey}" registers the ${this.part} "${name}", which ${owner} already ${this.verb}`);
    this.#owners.set(name, `plugin "${pluginKey}"`);
  }
}
