// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Event payload classes are versioned (`AgreementSnapshotV1`): the name ends in V and a number. */
const VERSIONED_PAYLOAD = '^[A-Z][A-Za-z]*V\\d+$';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.cache/**',
      'coverage/**',
      'apps/console/web/dist/**',
      'test/boundaries/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', '**/*.spec.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // Configuration and test tooling in plain JavaScript, run by Node.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Boundaries (docs/architecture.md): the domain knows neither the database nor the wire format.
    files: ['apps/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'typeorm', message: 'A domain folder does not touch the database.' },
            { name: '@nestjs/typeorm', message: 'A domain folder does not touch the database.' },
          ],
          patterns: [
            {
              group: ['@concord/contracts'],
              importNamePattern: VERSIONED_PAYLOAD,
              message:
                'A domain folder has its own types, mapped from the versioned event payloads at the edge; shared vocabulary is fine.',
            },
          ],
        },
      ],
    },
  },
  {
    // A controller validates, calls and maps: the data access is a service's.
    files: ['apps/*/src/**/*.controller.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'typeorm',
              importNames: ['DataSource', 'EntityManager'],
              message: 'A controller does not take a DataSource: give the query to a service.',
            },
            {
              name: '@nestjs/typeorm',
              importNames: ['InjectDataSource', 'InjectEntityManager'],
              message: 'A controller does not take a DataSource: give the query to a service.',
            },
          ],
        },
      ],
    },
  },
);
