/**
 * The packaged extension (dist-vsix/amo-authoring.vsix, `npm run package`): a size budget, what it must
 * contain (bundles, schemas, grammars, l10n, manifest strings, icon, walkthrough media, every file the
 * manifest names) and what it must not (sources, tests, caches, node_modules, source maps). The VSIX is
 * rebuilt in `before` when it is missing or older than what goes into it (about 10 s).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readZip } from '../helpers/zip';
import { ROOT } from '../helpers/service';

const VSIX = path.join(ROOT, 'dist-vsix', 'amo-authoring.vsix');
/** About three times the size of 0.1.0 (673 KB): a jump means something unintended was packed. */
const BUDGET_BYTES = 2 * 1024 * 1024;
/** What the VSIX is built from: when any is newer than the VSIX, it is rebuilt. */
const INPUTS = ['client', 'server/src', 'schemas', 'syntaxes', 'l10n', 'media', 'package.json', 'package.nls.json', 'package.nls.fr.json', '.vscodeignore', 'README.md', 'LICENSE', 'esbuild.mjs'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return fs.readdirSync(p).reduce((m, e) => Math.max(m, newestMtime(path.join(p, e))), st.mtimeMs);
}

function pngSize(buf: Buffer): { width: number; height: number } {
  assert.strictEqual(buf.subarray(1, 4).toString('latin1'), 'PNG', 'not a PNG file');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** Files the manifest points to (main, icon, grammars, language configurations, walkthrough media). */
interface Manifest {
  main?: string;
  browser?: string;
  icon?: string;
  contributes?: {
    grammars?: { path: string }[];
    languages?: { configuration?: string }[];
    walkthroughs?: { steps?: { media?: { markdown?: string; image?: string; svg?: string } }[] }[];
  };
}

function manifestFiles(pkg: Manifest): string[] {
  const c = pkg.contributes ?? {};
  const files: (string | undefined)[] = [pkg.main, pkg.browser, pkg.icon, ...(c.grammars ?? []).map((g) => g.path), ...(c.languages ?? []).map((l) => l.configuration)];
  for (const w of c.walkthroughs ?? []) {
    for (const s of w.steps ?? []) files.push(s.media?.markdown, s.media?.image, s.media?.svg);
  }
  return files.filter((f): f is string => typeof f === 'string').map((f) => path.posix.normalize(f.replace(/^\.\//, '')));
}

describe('VSIX package', function () {
  let entries: Map<string, Buffer>;
  let names: string[];
  let size: number;

  before(function () {
    this.timeout(180_000);
    const stale = !fs.existsSync(VSIX) || INPUTS.some((i) => newestMtime(path.join(ROOT, i)) > fs.statSync(VSIX).mtimeMs);
    if (stale) execFileSync(process.execPath, [path.join(ROOT, 'scripts/package.mjs')], { cwd: ROOT, stdio: 'pipe', timeout: 170_000 });
    const buf = fs.readFileSync(VSIX);
    size = buf.length;
    entries = readZip(buf);
    names = [...entries.keys()].filter((n) => n.startsWith('extension/')).map((n) => n.slice('extension/'.length));
  });

  it(`weighs less than ${BUDGET_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(size < BUDGET_BYTES, `${(size / 1024).toFixed(0)} KB`);
  });

  it('contains the bundles, schemas, grammars, l10n, manifest strings, licence, README and icon', () => {
    const required = [
      'package.json',
      'package.nls.json',
      'package.nls.fr.json',
      'readme.md',
      'LICENSE.txt',
      'dist/client.js',
      'dist/languageClient.js',
      'dist/server.js',
      'dist/preview.js',
      'dist/web/client.js',
      'dist/web/server.js',
      'schemas/programme.schema.json',
      'schemas/consultation.schema.json',
      'syntaxes/amo-programme.tmLanguage.json',
      'syntaxes/amo-consultation.tmLanguage.json',
      'syntaxes/language-configuration.json',
      'l10n/bundle.l10n.fr.json',
      'media/icon.png',
    ];
    assert.deepStrictEqual(required.filter((f) => !names.includes(f)), [], `contents:\n${names.join('\n')}`);
  });

  it('contains every bundle that .vscodeignore lets through and the build produced', () => {
    const allowed = fs
      .readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .map((l) => /^!(dist\/[\w.-]+\.js)$/.exec(l.trim())?.[1])
      .filter((f): f is string => f !== undefined && fs.existsSync(path.join(ROOT, f)));
    assert.ok(allowed.includes('dist/server.js'));
    assert.deepStrictEqual(allowed.filter((f) => !names.includes(f)), []);
  });

  it('contains every file its manifest names (main, icon, grammars, walkthrough media)', () => {
    const pkg = JSON.parse(entries.get('extension/package.json')!.toString('utf8')) as Manifest;
    const files = manifestFiles(pkg);
    assert.ok(files.length >= 8, files.join(', '));
    assert.deepStrictEqual(files.filter((f) => !names.includes(f)), []);
  });

  it('has a 256×256 PNG icon, declared in the manifest and the gallery metadata', () => {
    assert.deepStrictEqual(pngSize(entries.get('extension/media/icon.png')!), { width: 256, height: 256 });
    const manifest = entries.get('extension.vsixmanifest')!.toString('utf8');
    assert.match(manifest, /<Icon>extension\/media\/icon\.png<\/Icon>/);
    assert.match(manifest, /<License>extension\/LICENSE\.txt<\/License>/);
  });

  it('contains no sources, tests, caches, node_modules, examples or source maps', () => {
    const forbidden = names.filter(
      (n) =>
        /^(client|server|test|scripts|bench|examples|node_modules|\.cache|test-results|dist-vsix|dist\/test|\.ci|\.vscode)\//.test(n) ||
        /\.(map|ts|tsx|mjs|vsix|log)$/.test(n) ||
        /(^|\/)(tsconfig[^/]*\.json|eslint\.config\.mjs|\.mocharc\.json|package-lock\.json|\.gitignore)$/.test(n),
    );
    assert.deepStrictEqual(forbidden, []);
  });

  it('ships production bundles (minified, no source map reference)', () => {
    const client = entries.get('extension/dist/client.js')!.toString('utf8');
    assert.doesNotMatch(client, /sourceMappingURL/);
    // A minified bundle has long lines; the development build has esbuild's `// path` module comments.
    assert.doesNotMatch(client, /^\/\/ client\/src\//m, 'dist/client.js is the development build');
  });

  it('activates from a small client.js; the language client library is its own bundle, loaded at the server start', () => {
    const client = entries.get('extension/dist/client.js')!.toString('utf8');
    const library = entries.get('extension/dist/languageClient.js')!.toString('utf8');
    assert.match(client, /require\("\.\/languageClient\.js"\)/);
    // vscode-languageclient's own messages are in the library bundle only.
    const marker = /Connection to server got closed/;
    assert.match(library, marker);
    assert.doesNotMatch(client, marker);
    assert.ok(client.length < 120 * 1024, `dist/client.js: ${(client.length / 1024).toFixed(0)} KB`);
  });
});
