#!/usr/bin/env node
// Bundles each test/vscode/*.ts (index.ts = the in-host mocha runner, *.test.ts = suites, helpers
// bundled into each suite) into dist/test/vscode/*.js: node, CommonJS, `vscode` and `mocha` external
// (mocha resolves at run time from the repo's node_modules, an ancestor of dist/test/vscode).
// Usage: node scripts/e2e/buildTests.mjs [--outdir <dir>]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(ROOT, 'test/vscode');
const i = process.argv.indexOf('--outdir');
const OUT = i > 0 ? path.resolve(process.argv[i + 1]) : path.join(ROOT, 'dist/test/vscode');

const entries = fs
  .readdirSync(SRC)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && (f === 'index.ts' || f.endsWith('.test.ts')))
  .sort();
if (!entries.includes('index.ts')) throw new Error('test/vscode/index.ts is missing');

fs.rmSync(OUT, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: ROOT,
  entryPoints: entries.map((f) => path.join(SRC, f)),
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
  logOverride: { 'import-is-undefined': 'error' },
});
console.log(`buildTests: ${entries.length} file(s) -> ${path.relative(ROOT, OUT)}/ (${entries.join(', ')})`);
