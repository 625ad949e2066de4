// Jest runs the TypeScript sources as ES modules (node --experimental-vm-modules), so the code under
// test is the same code `npm start` runs. Engine tests run the workers in a child process, or
// workers/runtime.ts in-process against the test engine (test/worker-runtime.test.ts).
// `npm test` runs with --runInBand: the engine tests share one engine, and each file's workers
// process would otherwise take (and mail) the tasks of another file's instances.
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
      testMatch: [
        '<rootDir>/{camunda,config,domain,store,mail,workers,server,scripts,bpmn,forms}/**/*.test.ts',
      ],
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
