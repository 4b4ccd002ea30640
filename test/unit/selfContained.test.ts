import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Comments, test titles and docs are self-contained: they cite files of this repository (docs/*.md,
 * bench/README.md, the module itself) or say the thing itself, never an issue number nor a document kept
 * outside the repository, which a reader of the code does not have. Legal references (article numbers)
 * are fine. CHANGELOG.md keeps its history and is not scanned; neither are test/fixtures (document text).
 */
const ROOT = path.resolve(__dirname, '../..');
const DIRS = ['server/src', 'client/src', 'test', 'scripts', 'bench', 'docs'];
const FILES = ['README.md'];
const EXT = /\.(ts|mjs|cjs|md)$/;
const SKIP = new Set(['node_modules', 'fixtures', 'generated', 'CHANGELOG.md']);

/** What may not appear; written so that this file's own text does not match them. */
export const OUTSIDE: { name: string; re: RegExp }[] = [
  { name: 'issue number', re: /\bissues?\s*#?\d+/i },
  { name: 'bare issue reference', re: /(?:^|[\s([])#\d{1,4}(?=[\s:),\]]|$)/ },
  { name: 'outside domain document', re: /domain[-]amo|domain\s+reference/i },
  { name: 'outside product document', re: /product\.md/i },
  { name: 'outside style document', re: /house[-]style/i },
  { name: 'outside reviews', re: /\breviews\//i },
  { name: 'outside reference folder', re: /\.\.\/shared|\/work\/shared|\bshared\s+docs\b/i },
];

/** `file:line: pattern: text` for each line of `text` that cites something outside the repository. */
export function offences(file: string, text: string): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { name, re } of OUTSIDE) if (re.test(line)) out.push(`${file}:${i + 1}: ${name}: ${line.trim().slice(0, 120)}`);
  });
  return out;
}

function walk(rel: string, out: string[]): void {
  const abs = path.join(ROOT, rel);
  if (!fs.existsSync(abs)) return;
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    if (SKIP.has(e.name) || e.name.startsWith('.')) continue;
    const p = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && EXT.test(e.name)) out.push(p);
  }
}

describe('comments, test titles and docs are self-contained', () => {
  it('the patterns catch an issue number and each outside document (self-test)', () => {
    const n = '8';
    const synthetic = [
      `// see issue #${n}`,
      `// (issue ${n}${n} §5)`,
      `/** Clean output (#${n}${n}: nothing) */`,
      '// domain' + '-amo.md Part 2',
      '// domain ' + 'reference §3.5',
      '// product' + '.md asks it',
      '// house' + '-style.md',
      '// reviews' + '/code.md',
      '// ..' + '/shared/docs',
    ].join('\n');
    const found = offences('synthetic.ts', synthetic);
    const lines = new Set(found.map((o) => Number(/^synthetic\.ts:(\d+):/.exec(o)?.[1])));
    assert.deepStrictEqual([...lines], [1, 2, 3, 4, 5, 6, 7, 8, 9], found.join('\n'));
    assert.match(found[0], /^synthetic\.ts:1: issue number: \/\/ see issue/);
    // What is not an outside reference: CSS colours, number formats, anchors, legal references, repo docs.
    const clean = [
      '--amo-fg: #000; --amo-lvl-faible: #1f4a2a;',
      "numFmt: '#,##0.00 \"€\"'",
      "name: '#1.1.1'",
      'const u = `${uri}#1`;',
      '// CCP R2152-7 2° c, L2421-2; see docs/robustness.md and bench/README.md',
    ].join('\n');
    assert.deepStrictEqual(offences('clean.ts', clean), []);
  });

  it('no source, test, script, bench or doc file cites an issue or a document outside the repository', () => {
    const files: string[] = [...FILES.filter((f) => fs.existsSync(path.join(ROOT, f)))];
    for (const d of DIRS) walk(d, files);
    assert.ok(files.length > 100, `only ${files.length} files scanned`);
    assert.ok(files.includes('test/unit/selfContained.test.ts') && files.includes('docs/architecture.md'));
    const found = files.flatMap((f) => offences(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
    assert.deepStrictEqual(found, [], `cite a file of this repository instead:\n${found.join('\n')}`);
  });
});
