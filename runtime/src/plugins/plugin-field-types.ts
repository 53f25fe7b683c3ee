import { builtinFieldTypes } from '../field-types/builtin-field-types.js';
import { FieldTypeRegistry } from '../field-types/field-type-registry.js';
import type { LatticePlugin } from './lattice-plugin.js';
import { NameOwners } from './name-owners.js';

/** Field type names as field documents write them: `iccid`, `msisdn`, like the built-in `longText`. */
const FIELD_TYPE_NAME = /^[a-z][a-zA-Z0-9]*$/;

/**
 * The one field type registry a platform compiles, stores, serves and
 * validates with: the built-in types plus the plugins'. A name taken twice
 * (by a plugin and a built-in, or by two plugins) stops the start with both
 * owners named, rather than letting one silently win.
 */
export function fieldTypeRegistryWith(plugins: readonly LatticePlugin[]): FieldTypeRegistry {
  const registry = new FieldTypeRegistry(builtinFieldTypes());
  const names = new NameOwners('field type', registry.names(), 'the built-in field types');
  for (const plugin of plugins) {
    for (const type of plugin.fieldTypes ?? []) {
      if (!FIELD_TYPE_NAME.test(type.name)) throw new Error(`Plugin "${plugin.key}" registers the field type "${type.name}": a field type name is a letter then letters and digits, lower camel case (e.g. "iccid")`);
      names.claim(plugin.key, type.name);
      registry.register(type);
    }
  }
  return registry;
}
