import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseText } from '../../server/src/language-service/parse';
import { makeService, ROOT, uriOf } from '../helpers/service';

/** A small deterministic PRNG, so that a failure can be replayed from its printed seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SNIPPETS = ['a', ' ', '\n', '  - id: X\n', ': ', '#', '- ', '12', '"', '\n    ', 'ponderation: 5\n', '{', ']'];

/**
 * The incremental parse (only the pieces an edit touches are parsed again) must give exactly what a
 * whole parse gives: the same data, the same diagnostics with the same ranges.
 */
describe('incremental parse ≡ whole parse', function () {
  this.timeout(120000);

  it('texts with no YAML node (empty, blank lines, comments only), and edits into and out of them', () => {
    const uri = 'file:///virtual/vide.programme.yaml';
    const texts = ['# rien\n', '', '\n\n', '# a\n\n# b\n', 'operation:\n  id: X\n# fin\n', '# avant\noperation:\n  id: X\n', '  # indenté\n', '# rien\n'];
    let previous = parseText(uri, texts[0]);
    for (const text of texts.slice(1)) {
      const incremental = parseText(uri, text, previous);
      const whole = parseText(uri, text);
      assert.deepStrictEqual(incremental.data, whole.data, JSON.stringify(text));
      assert.strictEqual(incremental.ok, whole.ok, JSON.stringify(text));
      assert.deepStrictEqual(incremental.problems, whole.problems, JSON.stringify(text));
      previous = incremental;
    }
  });

  const seed = Number(process.env.AMO_FUZZ_SEED ?? Date.now() % 1e9);
  const files = ['examples/ecole-jules-ferry.programme.yaml', 'examples/ecole-jules-ferry-travaux.consultation.yaml'];
  for (const file of files) {
    it(`${file}: 60 random edits (seed ${seed})`, () => {
      const rand = rng(seed);
      const uri = uriOf(path.join(ROOT, file));
      let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      let previous = parseText(uri, text);
      const incrementalService = makeService();
      for (let i = 0; i < 60; i++) {
        const at = Math.floor(rand() * text.length);
        const del = rand() < 0.5 ? Math.floor(rand() * 6) : 0;
        const ins = rand() < 0.7 ? SNIPPETS[Math.floor(rand() * SNIPPETS.length)] : '';
        text = text.slice(0, at) + ins + text.slice(at + del);
        const incremental = parseText(uri, text, previous);
        const whole = parseText(uri, text);
        const where = `edit ${i} at ${at} (seed ${seed}; replay with AMO_FUZZ_SEED=${seed})`;
        assert.deepStrictEqual(incremental.data, whole.data, `data differs after ${where}`);
        assert.strictEqual(incremental.ok, whole.ok, `ok differs after ${where}`);
        const viaIncremental = incrementalService.getDiagnostics({ uri, text });
        const viaWhole = makeService().getDiagnostics({ uri, text });
        assert.deepStrictEqual(viaIncremental, viaWhole, `diagnostics differ after ${where}`);
        previous = incremental;
      }
    });
  }
});
