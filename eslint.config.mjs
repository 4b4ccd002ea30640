// ESLint flat config: typescript-eslint recommended rules on every TypeScript source.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

// Layering invariants (docs/architecture.md, "Invariants"). The pure layers run in Node, in a worker and in
// the browser bundle: they take a string and a workspace interface, never the editor, a file system or a process.
const NODE_BUILTINS = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];
const EDITOR_AND_LSP = ['vscode', 'vscode-languageserver', 'vscode-languageserver/**', 'vscode-languageclient', 'vscode-languageclient/**'];
// The language service is the bottom layer: render/ reads it, never the reverse.
const withRenderBan = (opts) => ({
  ...opts,
  patterns: [...opts.patterns, { group: ['**/render', '**/render/**'], message: 'server/src/language-service must not import render/: render reads the language service, not the reverse (docs/architecture.md, Invariants).' }],
});
// Domain facts read from a document live in language-service/model/ (docs/architecture.md, "The model"): the rules
// are read only through their registry and types; model/ sits below the rules and never imports them.
const RULE_INTERNALS = { regex: '(^|/)rules/(?!(registry|types)$)', message: 'Outside rules/, import only rules/registry and rules/types: domain helpers live in language-service/model/ (docs/architecture.md, "The model").' };
const ANY_RULE = { regex: '(^|/)rules(/|$)', message: 'language-service/model/ sits below the rules: it never imports them (docs/architecture.md, "The model").' };
const withPatterns = (opts, ...patterns) => ({ ...opts, patterns: [...opts.patterns, ...patterns] });
const pureLayer = (layer) => ({
  paths: NODE_BUILTINS.filter((m) => !m.includes('*')).map((name) => ({
    name,
    message: `${layer} is pure: no Node built-ins (fs, path, os, child_process, worker_threads…). Take the data from the caller or the workspace interface (docs/architecture.md, Invariants).`,
  })),
  patterns: [
    { group: ['node:*'], message: `${layer} is pure: no Node built-ins (docs/architecture.md, Invariants).` },
    { group: EDITOR_AND_LSP, message: `${layer} is pure: no vscode, no LSP connection; only the data types of vscode-languageserver-types (docs/architecture.md, Invariants).` },
    {
      group: ['**/server', '**/features', '**/features/**', '**/node/**', '**/cli/**', '**/protocol', '**/runner', '**/knownDocuments', '**/validationDelay', '**/client/**'],
      message: `${layer} must not import the server, its features, the Node host, the CLI or the client: they depend on it, not the reverse (docs/architecture.md, Invariants).`,
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'dist-vsix/**', 'node_modules/**', '.cache/**', 'test-results/**', 'bench/.work/**', 'server/src/language-service/generated/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  { files: ['server/src/language-service/**/*.ts'], rules: { 'no-restricted-imports': ['error', withPatterns(withRenderBan(pureLayer('server/src/language-service')), RULE_INTERNALS)] } },
  { files: ['server/src/language-service/rules/**/*.ts'], rules: { 'no-restricted-imports': ['error', withRenderBan(pureLayer('server/src/language-service'))] } },
  { files: ['server/src/language-service/model/**/*.ts'], rules: { 'no-restricted-imports': ['error', withPatterns(withRenderBan(pureLayer('server/src/language-service')), ANY_RULE)] } },
  { files: ['server/src/render/**/*.ts'], rules: { 'no-restricted-imports': ['error', withPatterns(pureLayer('server/src/render'), RULE_INTERNALS)] } },
  { files: ['server/src/office/**/*.ts', 'server/src/*.ts', 'server/src/cli/**/*.ts', 'server/src/node/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [RULE_INTERNALS] }] } },
  {
    // The client talks to the server over LSP. It may import only the shared contracts (protocol.ts, officeProtocol.ts, workspaceProtocol.ts) and the
    // leaf modules it runs itself: the server process options it spawns with, PDF printing (a command of the
    // extension host), the preview's CSS and HTML escaping (the webview shell), the minimal edit of an import. Nothing else from server/src.
    files: ['client/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '(^|/)server/src/(?!(protocol|officeProtocol|workspaceProtocol|office/minimalEdit|node/processOptions|node/pdf|render/css|render/html)$)',
          message: 'client/ may import from server/src only protocol.ts, officeProtocol.ts, workspaceProtocol.ts, office/minimalEdit, node/processOptions, node/pdf, render/css and render/html; everything else goes through an LSP request (docs/architecture.md, Invariants).',
        }],
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly', window: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
