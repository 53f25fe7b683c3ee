/**
 * The version of the plugin API (`@lattice/plugin-api`) this runtime
 * implements. A plugin says which version it was written against; a
 * different major, or a newer minor (parts this runtime does not know), is
 * refused when the platform starts. The plugin-api package's own version is
 * checked against this one in its tests.
 */
export const PLUGIN_API_VERSION = '1.1.0';

const SEMVER = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

/** Why a plugin written against `declared` cannot run on this runtime, or null when it can. */
export function pluginApiMismatch(pluginKey: string, declared: unknown): string | null {
  const [, major, minor] = SEMVER.exec(PLUGIN_API_VERSION) ?? [];
  if (typeof declared !== 'string' || !SEMVER.test(declared)) {
    return `Plugin "${pluginKey}" declares no plugin API version (apiVersion, e.g. "${PLUGIN_API_VERSION}"): say which version of @lattice/plugin-api it was written against`;
  }
  const [, wantMajor, wantMinor] = SEMVER.exec(declared) ?? [];
  if (wantMajor !== major) {
    return `Plugin "${pluginKey}" was written against plugin API ${declared}; this platform implements ${PLUGIN_API_VERSION}, whose major version differs: use a release of the plugin made for ${major}.x`;
  }
  if (Number(wantMinor) > Number(minor)) {
    return `Plugin "${pluginKey}" was written against plugin API ${declared}, newer than the ${PLUGIN_API_VERSION} this platform implements: upgrade the platform or use an older release of the plugin`;
  }
  return null;
}
