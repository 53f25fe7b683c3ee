/** What a deployment's own start script uses: start a node with its configuration and plugins. */
export { startPlatform, type LatticePlatform, type PlatformExtensions } from './app/lattice-platform.js';
export type { PlatformConfig, PlatformConfigOverrides } from './config/platform-config.js';
