import type { CompileOptions } from '../compile/compile-options.js';
import type { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import { compileOptionsWith, type LatticePlugin } from './lattice-plugin.js';
import { fieldTypeRegistryWith } from './plugin-field-types.js';

/** Everything a platform needs from its plugins before it opens anything: one field type registry and the compile options. */
export interface PluginRegistries {
  readonly fieldTypes: FieldTypeRegistry;
  readonly compileOptions: CompileOptions;
}

/** The registries of a deployment's plugins; a bad key, API version or a name taken twice throws, naming the plugins. */
export function registriesWith(plugins: readonly LatticePlugin[]): PluginRegistries {
  const compileOptions = compileOptionsWith(plugins);
  return { fieldTypes: fieldTypeRegistryWith(plugins), compileOptions };
}
