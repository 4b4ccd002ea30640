import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/language-service';
import { actualMarkers, makeService, ROOT, uriOf, wantedMarkers } from '../helpers/service';

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

describe('rule coverage by fixtures', () => {
  it('every rule of the registry fires in at least one golden fixture', () => {
    const wanted = new Set(fixtures().flatMap((f) => wantedMarkers(fs.readFileSync(f, 'utf8')).map((m) => m.split(':')[1])));
    const missing = RULES.map((r) => r.id).filter((id) => !wanted.has(id));
    assert.deepStrictEqual(missing, [], `rules without a golden fixture: ${missing.join(', ')}`);
  });
});
