/**
 * Reliability and trust (docs/robustness.md): bounded output, linear location of schema errors, no self-silencing,
 * one notion of a line break, total handlers, escaped document text. Figures: docs/robustness.md.
 */
import * as assert from 'assert';
import { createLanguageService, type LanguageService } from '../../server/src/language-service';
import { MAX_DIAGNOSTICS } from '../../server/src/language-service/diagnostics';
import { heavy } from '../../server/src/language-service/limits';
import { locate, nodeAt, pairAt, parseText } from '../../server/src/language-service/parse';
import { configuredDelay, MAX_CONFIGURED_DELAY_MS } from '../../server/src/validationDelay';
import { TEST_TODAY } from '../helpers/service';

const PROG = 'file:///virtual/reliability.programme.yaml';

function service(files: Record<string, string> = {}): LanguageService {
  return createLanguageService({ workspace: { readText: (uri) => files[uri] }, today: () => TEST_TODAY });
}

function unknownKeys(n: number): string {
  const parts = ['version: 1\n'];
  for (let i = 0; i < n; i++) parts.push(`k${i}: 1\n`);
  return parts.join('');
}

describe('reliability (docs/robustness.md)', function () {
  this.timeout(60000);

  describe('at most MAX_DIAGNOSTICS diagnostics per file', () => {
    it('3,000 unknown keys: 1,000 diagnostics in document order, then one summary note in the locale', () => {
      const s = service();
      const text = unknownKeys(3000);
      const all = s.getDiagnostics({ uri: PROG, text }, { locale: 'en' });
      assert.strictEqual(all.length, MAX_DIAGNOSTICS + 1);
      const note = all[all.length - 1];
      assert.strictEqual(note.code, 'YAML-003');
      assert.strictEqual(note.severity, 3);
      const more = Number(/and (\d+) more/.exec(note.message)?.[1]);
      assert.ok(more >= 2000, note.message);
      const fr = s.getDiagnostics({ uri: PROG, text }, { locale: 'fr' });
      assert.match(fr[fr.length - 1].message, new RegExp(`… et ${more} autres`));
      for (let i = 1; i < MAX_DIAGNOSTICS; i++) assert.ok(all[i - 1].range.start.line <= all[i].range.start.line);
    });

    it('under the cap: no note', () => {
      const all = service().getDiagnostics({ uri: PROG, text: unknownKeys(10) }, { locale: 'en' });
      assert.ok(all.length < MAX_DIAGNOSTICS);
      assert.ok(!all.some((d) => d.code === 'YAML-003'));
    });
  });

  describe('entity budget: a list of more than 20,000 items, or more than 300,000 nodes, is checked for syntax only', () => {
    const head = 'version: 1\nstatut: arrete\noperation:\n  id: OP\n  intitule: Opération\n  maitre_ouvrage: Commune\n  nature: rehabilitation\n';
    for (const [name, text] of [
      ['a flow sequence of 160,000 items', `${head}phases: [${Array(160_000).fill('1').join(', ')}]\n`],
      ['a block sequence of 30,000 items', `${head}phases:\n${'  - 1\n'.repeat(30_000)}`],
      ['a map of 25,000 keys', `${head}${Array.from({ length: 25_000 }, (_, i) => `cle_${i}: x\n`).join('')}`],
    ] as const) {
      it(`${name}: one YAML-003 on the collection, no schema or rule finding`, () => {
        const all = service().getDiagnostics({ uri: PROG, text }, { locale: 'fr' });
        assert.deepStrictEqual(all.map((d) => d.code), ['YAML-003'], JSON.stringify(all.slice(0, 3)));
        // Checked for syntax only, or past the pre-scan's cost bound not parsed at all (limits.ts MAX_SYNTAX_COST).
        assert.match(all[0].message, /trop (volumineux|lourd) pour être (vérifié|analysé)/);
        // The features answer as on an empty document (as over the size limit): no outline, no hints.
        const doc = { uri: PROG, text };
        assert.deepStrictEqual(service().getDocumentSymbols(doc), []);
        assert.deepStrictEqual(service().getInlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 300, character: 0 } }), []);
      });
    }
    it('a heavy text (more than 60,000 lines, a line over 100,000 characters, or more than 20,000 root entries) is syntax only whatever its length; a real file is not', () => {
      assert.deepStrictEqual(heavy(`${head}${'# x\n'.repeat(60_001)}`), { lines: 60_009 });
      assert.deepStrictEqual(heavy(`${head}libelle: ${'x'.repeat(150_000)}\n`), { longestLine: 150_009 });
      // A long line of many items is over the entity budget first (the pre-scan counts them: prescan.ts).
      assert.deepStrictEqual(heavy(`${head}phases: [${Array(60_000).fill('1').join(', ')}]\n`), { items: 60_000, start: head.length + 8 });
      assert.deepStrictEqual(heavy(`${head}${Array.from({ length: 25_000 }, (_, i) => `cle_${i}: x\n`).join('')}`), { items: 25_003, start: 0 });
      assert.strictEqual(heavy(`${head}${'  - {id: PH-1, code: ESQ, libelle: Phase, debut: 2026-01-05, fin: 2026-03-27}\n'.repeat(20_000)}`), undefined);
      const all = service().getDiagnostics({ uri: PROG, text: `${head}${'# x\n'.repeat(60_001)}` }, { locale: 'fr' });
      assert.deepStrictEqual(all.map((d) => d.code), ['YAML-003']);
      assert.match(all[0].message, /60.009 lignes/);
    });

    it('20,000 items exactly: still fully checked', () => {
      const text = `${head}phases:\n${'  - 1\n'.repeat(20_000)}`;
      const all = service().getDiagnostics({ uri: PROG, text }, { locale: 'fr' });
      assert.ok(!all.some((d) => d.code === 'YAML-003' && /trop volumineux/.test(d.message)));
      assert.ok(all.some((d) => d.code.startsWith('SCH-')), 'the schema ran');
    });
  });

  describe('schema errors located in linear time', () => {
    it('locating each of 20,000 keys of one map takes well under a second (it was quadratic: seconds)', () => {
      const text = unknownKeys(20000);
      const parsed = parseText(PROG, text);
      const started = performance.now();
      for (let i = 0; i < 20000; i++) {
        const [start, end] = locate(parsed.doc, [`k${i}`], 'key');
        if (i % 997 === 0) assert.strictEqual(text.slice(start, end), `k${i}`);
      }
      const ms = performance.now() - started;
      assert.ok(ms < 1000, `${ms} ms`);
    });

    it('the index agrees with the document: sequences, nested maps, numeric keys, missing paths', () => {
      const text = 'a:\n  - x: 1\n  - x: 2\n    y: [3, 4]\n1: un\nb: {c: d}\n';
      const { doc } = parseText(PROG, text);
      const at = (p: (string | number)[]): string | undefined => {
        const n = nodeAt(doc, p);
        return n?.range ? text.slice(n.range[0], n.range[1]).trim() : undefined;
      };
      assert.strictEqual(at(['a', 1, 'x']), '2');
      assert.strictEqual(at(['a', 1, 'y', 1]), '4');
      assert.strictEqual(at(['b', 'c']), 'd');
      assert.strictEqual(at([1]), 'un');
      assert.strictEqual(at(['a', 2]), undefined);
      assert.strictEqual(at(['zz', 'x']), undefined);
      assert.strictEqual(String((pairAt(doc, ['a', 0, 'x'])?.key as { value: unknown }).value), 'x');
      assert.strictEqual(pairAt(doc, ['a', 5, 'x']), undefined);
    });
  });

  describe('amo.validation.delay clamped whatever its source', () => {
    it('2e9, Infinity, negatives, NaN and non-numbers', () => {
      assert.strictEqual(MAX_CONFIGURED_DELAY_MS, 2000);
      assert.strictEqual(configuredDelay(2e9, 50), 2000);
      assert.strictEqual(configuredDelay(Infinity, 50), 2000);
      assert.strictEqual(configuredDelay(-5, 50), 0);
      assert.strictEqual(configuredDelay(NaN, 50), 50);
      assert.strictEqual(configuredDelay('2e9', 50), 50);
      assert.strictEqual(configuredDelay(undefined, 50), 50);
      assert.strictEqual(configuredDelay(300, 50), 300);
    });
  });
});
