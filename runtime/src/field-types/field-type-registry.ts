import type { AnyFieldType } from './field-type.js';

/**
 * Field types by name. A value, never a module global: the platform builds
 * one from the built-in types plus whatever plugins register.
 */
export class FieldTypeRegistry {
  readonly #types = new Map<string, AnyFieldType>();

  constructor(types: Iterable<AnyFieldType> = []) {
    for (const type of types) this.register(type);
  }

  register(type: AnyFieldType): this {
    if (this.#types.has(type.name)) {
      throw new Error(`Field type "${type.name}" is already registered`);
    }
    this.#types.set(type.name, type);
    return this;
  }

  get(name: string): AnyFieldType | undefined {
    return this.#types.get(name);
  }

  names(): string[] {
    return [...this.#types.keys()];
  }
}
