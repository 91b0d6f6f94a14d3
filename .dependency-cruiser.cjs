// Import rules between the parts of the repository (docs/architecture.md, "Boundaries"), checked
// by `npm run check`. test/boundaries/boundaries.test.ts holds a fixture that each rule rejects.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-app-imports-another-app',
      comment:
        'Services share nothing but events and libs/: what one needs of another it learns from events.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-never-import-apps',
      comment: 'A library serves every service, so it cannot depend on one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'scripts-use-public-modules',
      comment: "A script imports a service's public module (apps/<service>/src/index.ts) only.",
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^apps/[^/]+/src/', pathNot: '^apps/[^/]+/src/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.cache|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
