// Jest runs the TypeScript sources as ES modules (node --experimental-vm-modules), so the code under
// test is the same code `npm start` runs. Unit tests never import workers/runtime.ts, the only
// importer of the ESM-only Camunda client; engine tests run workers in a child process.
const tsJest = ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }];
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': tsJest },
  testEnvironment: 'node',
};

export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{camunda,config,domain,store,mail,workers,server,scripts,bpmn}/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'engine',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
  testTimeout: 60000,
};
