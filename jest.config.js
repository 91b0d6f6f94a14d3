/** Unit tests sit next to the code (*.spec.ts): pure logic, no build, no broker, no database
 * (`npm run test:unit`). Tests against the real broker and database sit in test/ and
 * apps/<service>/test/ (*.test.ts); their global set-up builds the services and starts the
 * suite's broker. `npm test` runs both, in band. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  // Nest 12 ships ES modules; Node 20 loads them from CommonJS (require(esm)) but jest cannot, so
  // jest compiles them to CommonJS like our own sources.
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|jose|file-type|strtok3|token-types|@tokenizer|uint8array-extras)/)',
  ],
  moduleNameMapper: {
    '^@concord/(contracts|messaging|auth|audit|platform|testing|telemetry)$':
      '<rootDir>/libs/$1/src',
  },
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test,scripts}/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
