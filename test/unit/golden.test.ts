import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/language-service';
import { actualMarkers, makeService, ROOT, uriOf, wantedMarkers } from '../helpers/service';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const SNAPSHOTS = path.join(ROOT, 'test', 'fixtures', 'diagnostics');
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** The snapshot of a fixture's diagnostics: `line:col-line:col`, severity, code, message in French and English. */
function snapshot(file: string, text: string): string {
  const uri = uriOf(file);
  const fr = makeService().getDiagnostics({ uri, text }, { locale: 'fr' });
  const en = makeService().getDiagnostics({ uri, text }, { locale: 'en' });
  assert.strictEqual(en.length, fr.length, 'the same findings in both languages');
  const pos = (p: { line: number; character: number }): string => `${p.line + 1}:${p.character + 1}`;
  const rows = fr.map((d, i) => ({ range: `${pos(d.range.start)}-${pos(d.range.end)}`, severity: SEVERITY[d.severity ?? 1], code: d.code, fr: d.message, en: en[i].message }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/**
 * Golden fixtures: every diagnostic of a fixture must be announced by a `# want CODE` marker on the line
 * where its range starts, and every marker must be matched. Fixtures live in test/fixtures/rules (one or
 * more per rule) and examples/ (the clean examples carry no marker: they must stay free of diagnostics).
 */
function fixtures(): string[] {
  const dirs = [path.join(ROOT, 'test', 'fixtures', 'rules'), path.join(ROOT, 'examples'), path.join(ROOT, 'examples', 'erreurs')];
  return dirs.flatMap((d) => (fs.existsSync(d) ? fs.readdirSync(d).filter((f) => /\.(programme|consultation)\.ya?ml$/.test(f)).map((f) => path.join(d, f)) : []));
}

describe('golden fixtures (# want markers)', () => {
  const files = fixtures();
  it('finds fixtures', () => assert.ok(files.length >= 4, `only ${files.length} fixture(s)`));
  for (const file of files) {
    it(path.relative(ROOT, file), () => {
      const text = fs.readFileSync(file, 'utf8');
      const diags = makeService().getDiagnostics({ uri: uriOf(file), text });
      const detail = diags.map((d) => `  ${d.range.start.line + 1}:${d.code}:${['', 'error', 'warning', 'information', 'hint'][d.severity ?? 1]} ${d.message}`).join('\n');
      const wanted = wantedMarkers(text);
      assert.deepStrictEqual(actualMarkers(diags, wanted), wanted, `diagnostics of ${path.basename(file)}:\n${detail}`);
    });
  }
});

/**
 * The full diagnostics of each fixture (range, severity, message FR/EN), snapshot in test/fixtures/diagnostics/:
 * a changed message, range or severity shows in review. `UPDATE_GOLDEN=1 npx mocha test/unit/golden.test.ts`
 * rewrites them; review the diff before committing.
 */
describe('golden fixtures (diagnostics snapshots)', () => {
  const files = fixtures();
  const names = files.map((f) => `${path.relative(ROOT, f).replace(/^test\/fixtures\//, '').replace(/[\\/]/g, '--')}.json`);
  for (const [i, file] of files.entries()) {
    it(path.relative(ROOT, file), () => {
      const actual = snapshot(file, fs.readFileSync(file, 'utf8'));
      const golden = path.join(SNAPSHOTS, names[i]);
      if (UPDATE) {
        fs.mkdirSync(SNAPSHOTS, { recursive: true });
        fs.writeFileSync(golden, actual);
      }
      assert.ok(fs.existsSync(golden), `${path.relative(ROOT, golden)} is missing (UPDATE_GOLDEN=1 to write it)`);
      assert.strictEqual(actual, fs.readFileSync(golden, 'utf8'), `diagnostics of ${path.relative(ROOT, file)} differ from ${path.relative(ROOT, golden)} (UPDATE_GOLDEN=1 to accept)`);
    });
  }
  it('no snapshot without its fixture', () => {
    const stale = fs.existsSync(SNAPSHOTS) ? fs.readdirSync(SNAPSHOTS).filter((n) => !names.includes(n)) : [];
    assert.deepStrictEqual(stale, []);
  });
});

describe('rule coverage by fixtures', () => {
  it('every rule of the registry fires in at least one golden fixture', () => {
    const wanted = new Set(fixtures().flatMap((f) => wantedMarkers(fs.readFileSync(f, 'utf8')).map((m) => m.split(':')[1])));
    const missing = RULES.map((r) => r.id).filter((id) => !wanted.has(id));
    assert.deepStrictEqual(missing, [], `rules without a golden fixture: ${missing.join(', ')}`);
  });
});
