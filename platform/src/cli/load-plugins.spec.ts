import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from './load-plugins.js';

const pluginModule = fileURLToPath(new URL('../../../plugins/telecom-rules/src/index.ts', import.meta.url));
const notAPlugin = fileURLToPath(new URL('./format-plan.ts', import.meta.url));

describe('loadPlugins', () => {
  it('loads a plugin module by path, and refuses a module that exports no plugin, saying which', async () => {
    expect((await loadPlugins([pluginModule])).map((p) => [p.key, p.ruleOperators?.map((o) => o.name)])).toEqual([['telecom-rules', ['mobileSegmentIn']]]);
    await expect(loadPlugins([notAPlugin])).rejects.toThrow(`${notAPlugin} exports no Lattice plugin`);
  });
});
