#!/usr/bin/env node
// Builds the VSIX into dist-vsix/amo-authoring.vsix: production bundles (minified, no source maps),
// `vsce package` (contents chosen by .vscodeignore), then the development bundles again, so that the
// tests that read dist/ (test/server/trust.test.ts needs esbuild's module comments) see what
// `npm run build` makes. Usage: node scripts/package.mjs
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist-vsix', 'amo-authoring.vsix');

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

let failed = false;
try {
  run(process.execPath, ['esbuild.mjs', '--production']);
  // Production bundles have no maps: remove stale ones (they are excluded from the VSIX anyway).
  for (const f of fs.readdirSync(path.join(ROOT, 'dist'))) if (f.endsWith('.js.map')) fs.rmSync(path.join(ROOT, 'dist', f));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  run(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', OUT]);
  console.log(`${path.relative(ROOT, OUT)}: ${(fs.statSync(OUT).size / 1024).toFixed(0)} KB`);
} catch (err) {
  failed = true;
  console.error(String(err?.message ?? err));
} finally {
  run(process.execPath, ['esbuild.mjs']);
}
process.exit(failed ? 1 : 0);
