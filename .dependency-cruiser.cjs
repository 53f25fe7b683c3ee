/** Package and layer boundaries, checked in CI (`pnpm lint`). */
module.exports = {
  forbidden: [
    {
      name: 'runtime-is-pure',
      comment: 'runtime/ runs in Node and in the browser: no framework, driver or Node I/O, and never a later step',
      severity: 'error',
      from: { path: '^runtime/src' },
      to: { path: ['^platform/', '^designer/', '^plugins/', 'node_modules/(@nestjs|@mikro-orm|pg|kysely|@apollo|express|vue)/'], dependencyTypes: ['local', 'npm', 'npm-dev', 'aliased-workspace', 'aliased'] },
    },
    {
      name: 'runtime-no-node-builtins',
      severity: 'error',
      from: { path: '^runtime/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'plugins-use-only-the-plugin-api',
      comment: 'a plugin is written as a third party would write it: against @lattice/plugin-api, never the runtime, platform or designer (its tests may use the runtime)',
      severity: 'error',
      from: { path: '^plugins/', pathNot: '^plugins/plugin-api/' },
      to: { path: ['^platform/', '^designer/', '^runtime/'] },
    },
    {
      name: 'plugin-api-is-types-only',
      comment: 'the plugin API re-exports the runtime types plugins are written against; no code of its own, so a plugin loads nothing from it',
      severity: 'error',
      from: { path: '^plugins/plugin-api/' },
      to: { dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'examples-are-metadata',
      severity: 'error',
      from: { path: '^examples/' },
      to: { path: ['^platform/', '^designer/'] },
    },
    {
      name: 'resolvers-reach-records-only-through-the-access-point',
      comment: 'GraphQL code must not touch the ORM or the record reader/writer directly: permission checks sit in records/record-access.ts',
      severity: 'error',
      from: { path: '^platform/src/graphql/' },
      to: { path: ['node_modules/@mikro-orm/', '^platform/src/records/record-(reader|writer|loaders)\\.ts$', '^platform/src/database/'] },
    },
    {
      name: 'earlier-steps-never-import-later-ones',
      comment: 'plan does not depend on publish or serve-time GraphQL resolvers; storage does not depend on plan or publish',
      severity: 'error',
      from: { path: '^platform/src/(storage|plan)/' },
      to: { path: '^platform/src/(publish|admin|app|cli)/' },
    },
    {
      name: 'no-circular',
      severity: 'warn',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['dist/', '\\.spec\\.ts$', '/test/', '/bench/', 'vitest\\.config\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'platform/tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
  },
};
