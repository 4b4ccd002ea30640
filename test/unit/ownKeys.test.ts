import * as assert from 'assert';
import { buildDeliverable, deliverablesOf } from '../../server/src/render';
import { makeService, uriOf } from '../helpers/service';
import { renderEnv } from './render/renderHelpers';

/**
 * Keys and ids from a document are own data only (docs/robustness.md): `__proto__`, `constructor`,
 * `toString`, `hasOwnProperty` are ordinary keys and ids, for every rule, the outline, hover, completion
 * and every deliverable. A root key `constructor` once made the outline return the internal parse as a
 * symbol, `__proto__` and `hasOwnProperty` made it throw, `toString` named a symbol "[object Undefined]";
 * an offer `statut: toString` or a `variantes.regime: constructor` printed a function's source in the RAO
 * and the RC.
 */
const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];
/** An id nothing knows, for comparison. */
const PLAIN = 'zzqq';

function documents(k: string): [string, string][] {
  return [
    [
      'p.programme.yaml',
      `${k}: 1\nid: P\nphases:\n  - id: ${k}\n    code: ${k}\n    livrables:\n      - {id: ${k}, statut: ${k}}\nrisques:\n  - {id: ${k}, categorie: ${k}, strategie: ${k}, probabilite: 2, impact: 2}\ncategories_risques: {${k}: x}\nacteurs: [{role: ${k}, nom: ${k}}]\nindicateurs:\n  - {id: ${k}, sens: ${k}, mesures: [{date: 2026-01-01, valeur: 1}]}\n`,
    ],
    [
      'c.consultation.yaml',
      `${k}: 1\nid: C\nnature: ${k}\nprocedure: {type: ${k}}\nlots:\n  - id: ${k}\n    criteres: [{id: ${k}, ponderation: 100, type: ${k}}]\ncriteres:\n  - {id: ${k}, ponderation: 60, type: ${k}, sous_criteres: [{id: ${k}, ponderation: 1}]}\n  - {id: VT, ponderation: 40}\nnotation_prix: {methode: ${k}}\noffres:\n  - {id: ${k}, lot: ${k}, candidat: ${k}, statut: ${k}, prix_ht: 1, notes: {${k}: 3, VT: 2}}\n  - {id: O2, lot: ${k}, candidat: ${k}, prix_ht: 2, notes: {${k}: 3}}\nvariantes: {regime: ${k}}\nreception:\n  date_reception: 2026-01-10\n  decision: ${k}\n  reserves:\n    - {id: ${k}, lot: ${k}, entreprise: ${k}, statut: ${k}}\n`,
    ],
  ];
}

/** What leaks when a lookup reaches Object.prototype: a function's source, "[object …]", the parse itself. */
const LEAK = /function [A-Za-z]*\(\) \{ \[native code\] \}|\[object [A-Z]|"lines":|"parsed":/;

describe('document keys are own data (__proto__, constructor, toString… as ordinary keys)', function () {
  this.timeout(120_000);
  for (const k of HOSTILE) {
    for (const [name, text] of documents(k)) {
      const uri = uriOf(`/virtual/${name}`);
      const doc = { uri, text };
      const plain = { uri, text: text.split(k).join(PLAIN) };

      it(`${k} in ${name}: diagnostics and outline as for an ordinary id`, () => {
        const s = makeService({});
        const codes = (d: typeof doc) => s.getDiagnostics(d).map((x) => `${x.code}@${x.range.start.line}`);
        assert.deepStrictEqual(codes(doc), codes(plain));
        const symbols = JSON.stringify(s.getDocumentSymbols(doc));
        assert.doesNotMatch(symbols, LEAK);
        const names = (d: typeof doc) => JSON.stringify(s.getDocumentSymbols(d), (key, v: unknown) => (key === 'range' || key === 'selectionRange' ? undefined : v));
        assert.strictEqual(names(doc), names(plain).split(PLAIN).join(k));
        assert.doesNotMatch(JSON.stringify([s.getFoldingRanges(doc), s.getCodeLenses(doc), s.getInlayHints(doc, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }), s.getWorkspaceSymbols(k)]), LEAK);
      });

      it(`${k} in ${name}: hover, completion, navigation at every position`, () => {
        const s = makeService({});
        const lines = text.split('\n');
        for (let line = 0; line < lines.length; line++) {
          for (let character = 0; character <= lines[line].length; character++) {
            const p = { line, character };
            const out = JSON.stringify([s.getHover(doc, p), s.getCompletions(doc, p), s.getDefinition(doc, p), s.getReferences(doc, p, { includeDeclaration: true }), s.prepareRename(doc, p), s.getSelectionRanges(doc, [p])]);
            assert.doesNotMatch(out, LEAK, `at ${line}:${character}`);
          }
        }
      });

      it(`${k} in ${name}: every deliverable`, () => {
        for (const d of deliverablesOf(name.startsWith('p.') ? 'programme' : 'consultation')) {
          assert.doesNotMatch(JSON.stringify(buildDeliverable(renderEnv({ [uri]: text }), doc, d.id)), LEAK, d.id);
        }
      });
    }
  }
});
