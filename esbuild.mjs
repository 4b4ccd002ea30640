// Bundles the extension client, the language server and the CLI (node, cjs), the preview script (browser, iife)
// and the web extension (dist/web/: client and language server for the browser).
// Usage: node esbuild.mjs [--watch] [--production] [--outdir DIR] (default dist/; the bench builds the
// production bundles into bench/.work/dist-min to measure what the VSIX ships)
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { generateSchemaValidators } from './scripts/schemaValidators.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';

/** Prints errors in the format of VS Code's esbuild problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: watch ? 'silent' : 'warning',
  logOverride: { 'import-is-undefined': 'error' },
  // The new-file templates (client/templates/*.yaml) are imported as text by client/src/templates.ts.
  loader: { '.yaml': 'text' },
  plugins: watch ? [problemMatcher] : [],
};

/**
 * `require('./languageClient.js')` in client/src/client.ts stays a require of the bundle beside
 * dist/client.js: vscode-languageclient is loaded when the server starts, not at activation.
 */
const lazyLanguageClient = {
  name: 'lazy-language-client',
  setup(build) {
    build.onResolve({ filter: /^\.\/languageClient\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** The web bundles must not reach Node: an import of a built-in is an error rather than a silent stub. */
const nodeBuiltinsRefused = {
  name: 'node-builtins-refused',
  setup(build) {
    build.onResolve({ filter: /^(node:)?(fs|path|os|child_process|crypto|url|worker_threads|net|stream|util|zlib|buffer)$/ }, (args) => ({
      errors: [{ text: `${args.path} (a Node built-in) imported by ${args.importer}: not available in the browser bundles` }],
    }));
  },
};

/** A browser stand-in for a Node module the shared client code imports (client/src/web/). */
const webShims = (shims) => ({
  name: 'web-shims',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (shims[args.path] ? { path: path.resolve(shims[args.path]) } : undefined));
  },
});

const web = { platform: 'browser', target: 'es2022', plugins: [...common.plugins, nodeBuiltinsRefused] };

const builds = [
  { entryPoints: { client: 'client/src/extension.ts' }, external: ['vscode'], plugins: [...common.plugins, lazyLanguageClient] },
  // vscode-languageclient and the protocol: required by client.js at the first start of the server.
  { entryPoints: { languageClient: 'client/src/languageClient.ts' }, external: ['vscode'] },
  { entryPoints: { server: 'server/src/node/main.ts' } },
  // Worker thread of the server: validates huge documents off the main thread (server/src/node/offThread.ts).
  { entryPoints: { syntaxWorker: 'server/src/node/syntaxWorker.ts' } },
  { entryPoints: { cli: 'server/src/cli/main.ts' } },
  // The preview's script runs inside the webview: browser platform, one IIFE, no Node built-ins.
  { entryPoints: { preview: 'client/webview/preview.ts' }, platform: 'browser', format: 'iife', target: 'es2022' },
  // The web extension (vscode.dev, github.dev; package.json "browser"): the client for the web extension
  // host (CommonJS, `vscode` external) and the language server as a web worker (one IIFE). Browser
  // platform: a Node built-in imported on these paths fails the build (nodeBuiltinsRefused).
  { entryPoints: { 'web/client': 'client/src/browserExtension.ts' }, ...web, format: 'cjs', external: ['vscode'], plugins: [...common.plugins, webShims({ 'node:os': 'client/src/web/os.ts' }), nodeBuiltinsRefused] },
  { entryPoints: { 'web/server': 'server/src/browser/main.ts' }, ...web, format: 'iife' },
];

// The schema validators as code (ajv standalone), bundled like any module: no schema compilation at start.
generateSchemaValidators();

const contexts = await Promise.all(
  builds.map((b) => esbuild.context({ ...common, ...b, outdir })),
);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
