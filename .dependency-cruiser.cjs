/** Package and layer boundaries, checked in CI (`pnpm lint`). */

/** A platform folder that may import, of the platform's folders, only itself and the ones allowed. */
const importsOfThePlatformOnly = (folder, allowed) => ({
  from: { path: `^platform/src/${folder}/` },
  to: { path: '^platform/src/', pathNot: `^platform/src/(${[folder, ...allowed].join('|')})/` },
});

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
      name: 'platform-runs-without-the-designer',
      comment: 'the platform serves the built console from a folder found at run time; it never imports the designer',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^designer/' },
    },
    {
      name: 'errors-and-config-stand-alone',
      comment: 'every platform folder may throw a LatticeError and read the configuration; they in turn import no other platform folder, so they never pull a feature in',
      severity: 'error',
      from: { path: '^platform/src/(errors|config)/' },
      to: { path: '^platform/src/', pathNot: '^platform/src/$1/' },
    },
    {
      name: 'database-knows-no-feature',
      comment: 'database/ holds the pool, its own tables and the migrations; each module hands in its tables from the composition root (app/platform-tables.ts), so the database pulls no feature in',
      severity: 'error',
      ...importsOfThePlatformOnly('database', ['config', 'errors']),
    },
    {
      name: 'notices-stand-below-their-senders',
      comment: 'node-to-node notices are sent and heard by auth/, org/ and publish/; notices/ imports only database, config and errors, so those modules meet here and not in each other',
      severity: 'error',
      ...importsOfThePlatformOnly('notices', ['database', 'config', 'errors']),
    },
    {
      name: 'sign-in-and-organisation-never-import-publish',
      comment: 'auth/ and org/ hear of publishes only through notices/; importing publish/ (even a type) would tie them to drafts, plans and the served API',
      severity: 'error',
      from: { path: '^platform/src/(auth|org)/' },
      to: { path: '^platform/src/publish/' },
    },
    {
      name: 'pipeline-runs-below-the-api',
      comment: 'the write pipeline serves every caller (GraphQL, admin API, CLI, seeds, plugins) alike; it never imports one of them or the composition root',
      severity: 'error',
      from: { path: '^platform/src/pipeline/' },
      to: { path: '^platform/src/(graphql|admin|app|cli)/' },
    },
    {
      name: 'runtime-model-is-the-base',
      comment: 'runtime/src/model holds the vocabulary every step shares (system fields, the stable hash); it imports nothing but problems and documents, so any folder may import it without a loop',
      severity: 'error',
      from: { path: '^runtime/src/model/' },
      to: { path: '^runtime/src/', pathNot: '^runtime/src/(model|problems|documents)/' },
    },
    {
      name: 'checking-borrows-nothing-from-compiling',
      comment: 'compile/ runs the checks, so check/ must not import compile/ (what both need lives in model/); its test helpers may compile',
      severity: 'error',
      from: { path: '^runtime/src/check/', pathNot: '^runtime/src/check/testing/' },
      to: { path: '^runtime/src/compile/' },
    },
    {
      name: 'designer-speaks-to-the-platform-over-http',
      comment: 'the console is served by the platform and talks to it through GraphQL only; it imports no platform code (the runtime it may share)',
      severity: 'error',
      from: { path: '^designer/' },
      to: { path: ['^platform/', '(^|/)@lattice/platform(/|$)'] },
    },
    {
      name: 'no-circular',
      comment: 'a loop of imports makes its modules one unit: none can be understood, tested or moved alone, and load order decides what is undefined; type-only imports do not load and are left out',
      severity: 'error',
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
