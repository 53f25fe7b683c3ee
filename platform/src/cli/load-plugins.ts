import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LatticePlugin } from '@lattice/runtime';

/**
 * The plugins named on the command line: a package name or a path to a
 * module whose default export (or `plugin` export) is a plugin. A module
 * that is not one stops the start, saying which.
 */
export async function loadPlugins(specifiers: readonly string[]): Promise<LatticePlugin[]> {
  const plugins: LatticePlugin[] = [];
  for (const specifier of specifiers) {
    const target = specifier.startsWith('.') || specifier.startsWith('/') ? pathToFileURL(resolve(specifier)).href : specifier;
    const module = (await import(target)) as { default?: unknown; plugin?: unknown };
    const plugin = (module.default ?? module.plugin) as Partial<LatticePlugin> | undefined;
    if (!plugin || typeof plugin.key !== 'string') throw new Error(`${specifier} exports no Lattice plugin (a default export with a key, typed with LatticePlugin from @lattice/plugin-api)`);
    plugins.push(plugin as LatticePlugin);
  }
  return plugins;
}
