import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { InlayHint } from 'vscode-languageserver-types';
import { criticalityClass } from '../../server/src/language-service/catalog/criticality';
import { makeService, ROOT, uriOf } from '../helpers/service';

const ALL = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };

/** Each hint as "line text before it → label" (1-based line). */
function show(text: string, hints: InlayHint[]): string[] {
  const lines = text.split('\n');
  return hints.map((h) => `${h.position.line + 1}: ${lines[h.position.line].slice(0, h.position.character).trim()} → ${String(h.label)}`);
}

const PROGRAMME = `operation: {id: OP, intitule: Gymnase}
echelle_risques: {probabilite: 4, impact: 4}
phases:
  - id: PH-ACT
    debut: 2027-01-04
    fin: "2027-03-31"  # fin des travaux
risques:
  - id: R1
    probabilite: 3
    impact: 4
  - {id: R2, probabilite: 1, impact: 2}
  - {id: R3, probabilite: 2}
`;

const CONSULTATION = `id: C
objet: Travaux
nature: travaux
procedure: {type: MAPA}
date_lancement: 2026-12-07
date_limite_offres: 2027-01-18
criteres:
  - {id: PRIX, type: prix, ponderation: 40}
  - id: VT
    ponderation: 45
    sous_criteres:
      - {id: VT-1, ponderation: 30}
      - {id: VT-2, ponderation: 15}
  - {id: ENV, type: environnement, ponderation: 10}
lots:
  - id: L1
    criteres:
      - {id: P, ponderation: 60}
      - {id: Q, ponderation: 40}
`;

describe('inlay hints and code lenses', () => {
  const s = makeService();

  it('criticality classes follow §3.5 on 4×4 and scale to 5×5', () => {
    assert.deepStrictEqual([1, 3, 4, 6, 8, 9, 12, 16].map((c) => criticalityClass(c).code), ['faible', 'faible', 'modere', 'modere', 'eleve', 'eleve', 'critique', 'critique']);
    assert.deepStrictEqual([4, 5, 9, 10, 14, 15, 25].map((c) => criticalityClass(c, 5, 5).code), ['faible', 'modere', 'modere', 'eleve', 'eleve', 'critique', 'critique']);
  });

  it('programme: P×I after each impact, phase duration after fin (before its comment)', () => {
    const hints = s.getInlayHints({ uri: uriOf('/v/p.programme.yaml'), text: PROGRAMME }, ALL);
    assert.deepStrictEqual(show(PROGRAMME, hints), [
      '6: fin: "2027-03-31" → 86 j',
      '10: impact: 4 → P×I = 12 (critique)',
      '11: - {id: R2, probabilite: 1, impact: 2 → P×I = 2 (faible)',
    ]);
    assert.ok(hints.every((h) => h.paddingLeft === true));
  });

  it('consultation: running weight totals and days to the tender deadline, in English too', () => {
    const uri = uriOf('/v/c.consultation.yaml');
    assert.deepStrictEqual(show(CONSULTATION, s.getInlayHints({ uri, text: CONSULTATION }, ALL)), [
      '6: date_limite_offres: 2027-01-18 → 42 j',
      '8: - {id: PRIX, type: prix, ponderation: 40 → Σ 40/100',
      '10: ponderation: 45 → Σ 85/100',
      '12: - {id: VT-1, ponderation: 30 → Σ 30/45',
      '13: - {id: VT-2, ponderation: 15 → Σ 45/45',
      '14: - {id: ENV, type: environnement, ponderation: 10 → Σ 95/100',
      '18: - {id: P, ponderation: 60 → Σ 60/100',
      '19: - {id: Q, ponderation: 40 → Σ 100/100',
    ]);
    const en = s.getInlayHints({ uri, text: CONSULTATION }, { start: { line: 5, character: 0 }, end: { line: 5, character: 100 } }, { locale: 'en' });
    assert.deepStrictEqual(en.map((h) => h.label), ['42 d']);
  });

  it('only hints within the range; none on a broken document', () => {
    const uri = uriOf('/v/c.consultation.yaml');
    const hints = s.getInlayHints({ uri, text: CONSULTATION }, { start: { line: 9, character: 0 }, end: { line: 12, character: 0 } });
    assert.deepStrictEqual(hints.map((h) => h.position.line), [9, 11]);
    assert.deepStrictEqual(s.getInlayHints({ uri, text: `${CONSULTATION}: [` }, ALL), []);
  });

  it('code lens on each criteres: Σ against the declared total, with a warning mark', () => {
    const uri = uriOf('/v/c.consultation.yaml');
    const lenses = s.getCodeLenses({ uri, text: CONSULTATION });
    assert.deepStrictEqual(lenses.map((l) => [l.range.start.line + 1, l.command?.title]), [
      [7, '⚠ Σ pondérations = 95 % (attendu 100)'],
      [17, 'Σ pondérations = 100 %'],
    ]);
    const points = CONSULTATION.replace('criteres:\n  -', 'ponderation_totale: 95\ncriteres:\n  -');
    assert.deepStrictEqual(s.getCodeLenses({ uri, text: points }, { locale: 'en' }).map((l) => l.command?.title), ['Σ weights = 95 / 95 points', '⚠ Σ weights = 100 / 95 points (expected 95)']);
    assert.deepStrictEqual(s.getCodeLenses({ uri: uriOf('/v/p.programme.yaml'), text: PROGRAMME }), []);
  });

  it('the examples get hints and a clean lens', () => {
    const file = path.join(ROOT, 'examples', 'ecole-jules-ferry-travaux.consultation.yaml');
    const doc = { uri: uriOf(file), text: fs.readFileSync(file, 'utf8') };
    assert.ok(s.getInlayHints(doc, ALL).some((h) => h.label === '42 j'));
    assert.deepStrictEqual(s.getCodeLenses(doc).map((l) => l.command?.title), ['Σ pondérations = 100 %']);
  });
});
