/** Jest runs TypeScript as ESM through SWC; see tests/helpers for the database lifecycle. */
export default {
  testEnvironment: 'node',
  // Lexical's default Node entry points wrap the real module in a top-level-await dynamic
  // import, which Node 20 now and then never settles; the production condition loads it directly.
  testEnvironmentOptions: { customExportConditions: ['production', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: {
    '^@payload-config$': '<rootDir>/payload.config.ts',
    '^@/(.*?)(\\.js)?$': '<rootDir>/src/$1',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
  maxWorkers: 1,
  testTimeout: 120_000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.next/'],
}
