import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Which folder may import which (README, "Architecture"). A rule per folder; each names the reason.
const IO_MODULES = [
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'node:child_process',
  'child_process',
  'node:net',
  'node:http',
  'node:https',
  'pg',
  '@electric-sql/pglite',
  'nodemailer',
  'smtp-server',
];
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
const boundaries = [
  {
    // domain/: the pure rules of the 办法 — no I/O and nothing of the product around them.
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            regex: String.raw`^\.\./(store|mail|camunda|workers|server|config|scripts|bpmn|forms|modeler)/`,
            message:
              'domain/ is pure: pass data in instead of importing an I/O layer (README, Architecture).',
          },
        ],
        IO_MODULES.map((name) => ({
          name,
          message: 'domain/ does no I/O: read at start-up and pass the data in.',
        })),
      ),
    },
  },
  {
    // workers/<topic>/: one folder per topic; what several topics share lives in workers/shared/.
    files: ['workers/*/**/*.ts'],
    ignores: ['workers/**/*.test.ts', 'workers/shared/**'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: String.raw`^\.\./(?!shared/)[\w-]+/`,
          message:
            'A worker folder may not import another worker folder: move the shared code to workers/shared/.',
        },
      ]),
    },
  },
  {
    files: ['workers/shared/**/*.ts'],
    ignores: ['workers/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: String.raw`^\.\./(?!shared/)[\w-]+/`,
          message: 'workers/shared/ may not depend on a worker folder.',
        },
      ]),
    },
  },
  {
    // store/: persistence only; the outbox mailer builds on the store, never the reverse.
    files: ['store/**/*.ts'],
    ignores: ['store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: String.raw`^\.\./(mail|workers|server|scripts)/`,
          message: 'store/ may import domain/ and config/ only (mail/ imports the store, not the reverse).',
        },
      ]),
    },
  },
  {
    // server/: the web server knows the diagrams' topics through bpmn/topics.ts, never the workers.
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: String.raw`(^|/)workers/`,
          message:
            'server/ may not import workers/: the topic manifest bpmn/topics.ts says what the lint needs.',
        },
      ]),
    },
  },
  {
    // bpmn/, camunda/, mail/, config/: below the workers and the server.
    files: ['bpmn/**/*.ts', 'camunda/**/*.ts', 'mail/**/*.ts', 'config/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          regex: String.raw`(^|/)(workers|server)/`,
          message: 'Lower layers may not import workers/ or server/.',
        },
      ]),
    },
  },
];

// Issue 17 (4): the engine is spoken to through camunda/rest.ts, whose URLs, request and response
// bodies are typed from the engine's OpenAPI description; a raw fetch of an engine path escapes that.
const ENGINE_PATH = String.raw`/\/(process-instance|process-definition|task|history|message|signal|external-task|deployment|user|group|identity|authorization|incident|job|job-definition|execution|variable-instance|decision-definition|filter|tenant|batch|migration|modification|metrics)([/?]|$)/`;
const ENGINE_FETCH_MESSAGE =
  'Engine REST calls go through camunda/rest.ts (engineRest: typed URLs and bodies), not a raw fetch.';
const rawEngineFetch = {
  files: ['**/*.ts'],
  ignores: ['camunda/**', 'workers/runtime.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: `CallExpression[callee.name='fetch'] > TemplateLiteral > TemplateElement[value.raw=${ENGINE_PATH}]`,
        message: ENGINE_FETCH_MESSAGE,
      },
      {
        selector: `CallExpression[callee.name='fetch'] > Literal[value=${ENGINE_PATH}]`,
        message: ENGINE_FETCH_MESSAGE,
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'engine/',
      'modeler/dist/',
      'coverage/',
      'camunda/engine-rest.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', window: 'readonly', document: 'readonly' },
    },
  },
  ...boundaries,
  rawEngineFetch,
);
