import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLUGIN_API_VERSION, registriesWith } from '@lattice/runtime';

const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('the plugin API version', () => {
  it('is the version of this package, which the runtime implements', () => {
    expect(packageVersion).toBe(PLUGIN_API_VERSION);
  });

  it('refuses a plugin written against another major, or a newer minor, naming the plugin and both versions', () => {
    const [major, minor] = PLUGIN_API_VERSION.split('.').map(Number) as [number, number];
    expect(() => registriesWith([{ key: 'old', apiVersion: `${major - 1}.4.0` }])).toThrow(`Plugin "old" was written against plugin API ${major - 1}.4.0; this platform implements ${PLUGIN_API_VERSION}, whose major version differs`);
    expect(() => registriesWith([{ key: 'ahead', apiVersion: `${major}.${minor + 1}.0` }])).toThrow(`Plugin "ahead" was written against plugin API ${major}.${minor + 1}.0, newer than the ${PLUGIN_API_VERSION} this platform implements`);
    expect(() => registriesWith([{ key: 'unsaid' } as never])).toThrow('Plugin "unsaid" declares no plugin API version');
    expect(registriesWith([{ key: 'same', apiVersion: PLUGIN_API_VERSION }]).fieldTypes.get('text')?.name).toBe('text');
  });
});
