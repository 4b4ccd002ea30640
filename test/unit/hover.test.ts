import * as assert from 'assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { positionAt, withCursor } from '../helpers/cursor';
import { makeService, uriOf } from '../helpers/service';

/** The hover at the `|` of `marked` (write `||` for a literal `|`), as if the text were the file `name`. */
function hover(name: string, marked: string, options: { locale?: 'fr' | 'en'; files?: Record<string, string> } = {}): Hover | null {
  const { text, offset } = withCursor(marked);
  return makeService(options.files ?? {}).getHover({ uri: uriOf(`/virtual/${name}`), text }, positionAt(text, offset), options);
}

function md(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  return (h.contents as MarkupContent).value;
}

describe('hover: documentation and catalogues', () => {
  it('documents a key from the schema: French first, English below', () => {
    const h = hover('c.consultation.yaml', 'id: C1\nob|jet: Travaux\n');
    assert.match(md(h), /^\*\*Objet de la consultation\*\* · `objet`\n\nObjet du marché[^\n]*\n\n\*EN — Subject of the contract/);
    assert.deepStrictEqual(h?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } });
  });

  it('puts English first in English', () => {
    assert.match(md(hover('c.consultation.yaml', 'ob|jet: Travaux\n', { locale: 'en' })), /`objet`\n\nSubject of the contract[\s\S]*\*FR — Objet du marché/);
  });

  it('gives an enum value its labels', () => {
    assert.match(md(hover('c.consultation.yaml', 'nature: maitrise_oe|uvre\n')), /\*\*maitrise_oeuvre\*\* — Maîtrise d'œuvre\n\n\*EN — Design services/);
  });

  it('explains a procedure type with its condition and basis', () => {
    const text = md(hover('c.consultation.yaml', 'procedure:\n  type: P|N\n'));
    assert.match(text, /\*\*PN\*\* — Procédure avec négociation/);
    assert.match(text, /R2124-3/);
    assert.match(text, /Fondement\*\* : L2124-3/);
  });

  it('explains a phase code with its legal or professional basis', () => {
    assert.match(md(hover('p.programme.yaml', 'phases:\n  - id: P1\n    code: A|PS\n')), /\*\*APS\*\* — Avant-projet sommaire[\s\S]*mission de base \(L2431-3, R2431-4\)/);
    assert.match(md(hover('p.programme.yaml', 'phases:\n  - id: P1\n    code: PR|OG\n')), /pratique professionnelle/);
    assert.match(md(hover('p.programme.yaml', 'moe:\n  mission:\n    elements: [ESQ, A|PD]\n')), /\*\*APD\*\*/);
  });

  it('explains a strategy with its ISO 31000 option, and a catalogue risk', () => {
    assert.match(md(hover('p.programme.yaml', 'risques:\n  - id: R1\n    strategie: par|tager\n')), /ISO 31000:2018 §6\.5\.2[\s\S]*Share the risk/);
    assert.match(md(hover('p.programme.yaml', 'risques:\n  - id: TEC-S|OL\n')), /Propriétaire par défaut\*\* : MOA[\s\S]*NF P 94-500/);
  });

  it('explains a criterion of the catalogue and a criterion type', () => {
    assert.match(md(hover('c.consultation.yaml', 'criteres:\n  - id: EN|V\n')), /\*\*ENV\*\* — Performance environnementale[\s\S]*L2152-7/);
    assert.match(md(hover('c.consultation.yaml', 'criteres:\n  - id: X\n    type: qua|lite\n')), /`VT`[\s\S]*R2152-7 2°/);
  });

  it('returns null on blank lines and comments', () => {
    assert.strictEqual(hover('c.consultation.yaml', 'id: C1\n|\nobjet: X\n'), null);
    assert.strictEqual(hover('c.consultation.yaml', '# com|ment\nid: C1\n'), null);
    assert.strictEqual(hover('notes.yaml', 'ob|jet: X\n'), null);
  });
});

describe('hover: risk criticality', () => {
  const risk = (p: number, i: number, extra = '') => `${extra}risques:\n  - id: R1\n    probabilite: ${p}\n    imp|act: ${i}\n`;

  it('computes P × I and its class on the default 4×4 scale', () => {
    const text = md(hover('p.programme.yaml', risk(3, 4)));
    assert.match(text, /\*\*Criticité : 3 × 4 = 12 — critique\*\*/);
    assert.match(text, /1–3 faible · 4–6 modéré · 8–9 élevé · 12–16 critique/);
    assert.match(text, /Au-dessus du seuil critique \(9\)/);
    assert.match(md(hover('p.programme.yaml', risk(2, 4))), /= 8 — élevé/);
    assert.match(md(hover('p.programme.yaml', risk(2, 3))), /= 6 — modéré/);
    assert.match(md(hover('p.programme.yaml', risk(1, 3))), /= 3 — faible[\s\S]*Sous le seuil critique/);
  });

  it('scales the classes on a 5×5 scale', () => {
    const scale = 'echelle_risques: {probabilite: 5, impact: 5}\n';
    const text = md(hover('p.programme.yaml', risk(3, 5, scale)));
    assert.match(text, /= 15 — critique/);
    assert.match(text, /1–4 faible · 5–9 modéré · 10–12 élevé · 15–25 critique/);
    assert.match(md(hover('p.programme.yaml', risk(2, 5, scale))), /= 10 — élevé/);
  });

  it('on `criticite` too, with the stated value checked and the residual criticality', () => {
    const text = md(hover('p.programme.yaml', 'risques:\n  - id: R1\n    probabilite: 3\n    impact: 3\n    critic|ite: 6\n    probabilite_residuelle: 2\n    impact_residuel: 2\n'));
    assert.match(text, /3 × 3 = 9 — élevé/);
    assert.match(text, /Criticité indiquée 6 ≠ P × I \(RSK-003\)/);
    assert.match(text, /Résiduelle : 2 × 2 = 4 — modéré/);
  });

  it('in English', () => {
    assert.match(md(hover('p.programme.yaml', risk(3, 4), { locale: 'en' })), /\*\*Criticality: 3 × 4 = 12 — critical\*\*/);
  });
});

describe('hover: criteria weights', () => {
  const CRITERIA = `id: C1
date_lancement: 2026-09-07
criteres:
  - {id: PRIX, type: prix, ponderation: 40}
  - id: VT
    ponderation: 45
    sous_criteres:
      - {id: VT-A, ponderation: 20}
      - {id: VT-B, ponderation: 20}
  - {id: ENV, type: environnement, ponderation: 15, environnemental: true}
`;

  it('totals a criteria list against the declared total', () => {
    const text = md(hover('c.consultation.yaml', CRITERIA.replace('criteres:', 'crit|eres:')));
    assert.match(text, /\*\*Pondération totale : 100 \/ 100 ✓\*\*/);
    assert.match(text, /- `VT` : 45 — sous-critères 40 ✗/);
    assert.match(text, /prises en compte par : `ENV`/);
    assert.match(md(hover('c.consultation.yaml', `ponderation_totale: 110\n${CRITERIA.replace('criteres:', 'crit|eres:')}`)), /100 \/ 110 ✗\*\* \(CSL-006\)/);
  });

  it('totals a criterion’s sub-criteria against its weight', () => {
    const text = md(hover('c.consultation.yaml', CRITERIA.replace('    sous_criteres:', '    sous_crit|eres:')));
    assert.match(text, /\*\*Sous-critères de `VT` : 20 \+ 20 = 40\*\* — différent de la pondération du critère \(45\) \(CSL-007\) ✗/);
  });
});

describe('hover: offer score and rank', () => {
  // Hand-computed, classique method on a 0–20 scale, prices HT:
  // A: price 100 000 → 20 × 100 000 / 100 000 = 20 → 20/20 × 60 = 60; VT 12 → 12/20 × 40 = 24; total 84, rank 1.
  // B: price 125 000 → 20 × 100 000 / 125 000 = 16 → 48; VT 16 → 32; total 80, rank 2.
  // C: irregular, not ranked, and its lower price is not Pmin.
  const OFFERS = `id: C1
criteres:
  - {id: PRIX, type: prix, ponderation: 60}
  - {id: VT, ponderation: 40}
notation_prix: {methode: classique, note_max: 20, base: HT}
offres:
  - {id: A, candidat: Alpha, prix_ht: 100000, notes: {VT: 12}}
  - {id: B, candidat: Beta, prix_ht: 125000, notes: {VT: 16}}
  - {id: C, candidat: Gamma, prix_ht: 80000, notes: {VT: 20}, statut: irreguliere}
`;

  it('weights each criterion’s normalised score, ranks the offer and states the formula', () => {
    const a = md(hover('c.consultation.yaml', OFFERS.replace('{id: A,', '{id: |A,')));
    assert.match(a, /\*\*Offre A\*\* \(Alpha\)/);
    assert.match(a, /\*\*Note pondérée : 84 \/ 100 — rang 1 sur 2\*\*/);
    assert.match(a, /\| `PRIX` \| 60 \| 20 \(prix\) \| 60 \|/);
    assert.match(a, /\| `VT` \| 40 \| 12 \| 24 \|/);
    assert.match(a, /Méthode classique : `N = Nmax × Pmin \/ P`/);
    const b = md(hover('c.consultation.yaml', OFFERS.replace('candidat: Beta', 'candidat: Be|ta')));
    assert.match(b, /\*\*Note pondérée : 80 \/ 100 — rang 2 sur 2\*\*/);
    assert.match(b, /\| `PRIX` \| 60 \| 16 \(prix\) \| 48 \|/);
    const c = md(hover('c.consultation.yaml', OFFERS.replace('{id: C,', '{id: |C,')));
    assert.match(c, /non classée\*\* \(statut « irreguliere »\)/);
  });

  it('on the `- ` of a block offer, and on its `notes` key', () => {
    const block = OFFERS.replace('  - {id: B, candidat: Beta, prix_ht: 125000, notes: {VT: 16}}', '  - id: B\n    candidat: Beta\n    prix_ht: 125000\n    notes:\n      VT: 16');
    assert.match(md(hover('c.consultation.yaml', block.replace('  - id: B', '  |- id: B'))), /Note pondérée : 80 \/ 100 — rang 2 sur 2/);
    assert.match(md(hover('c.consultation.yaml', block.replace('    notes:', '    no|tes:'))), /\*\*Notes\*\* · `notes`[\s\S]*Note pondérée : 80 \/ 100/);
  });

  it('follows the declared price method (linear: Pmax scores 0)', () => {
    const b = md(hover('c.consultation.yaml', OFFERS.replace('methode: classique', 'methode: lineaire').replace('candidat: Beta', 'candidat: Be|ta')));
    assert.match(b, /\| `PRIX` \| 60 \| 0 \(prix\) \| 0 \|/);
    assert.match(b, /Note pondérée : 32 \/ 100 — rang 2 sur 2/);
    assert.match(b, /N = Nmax × \(Pmax − P\) \/ \(Pmax − Pmin\)/);
  });

  it('scores sub-criteria by their weights and the lot’s own criteria', () => {
    const text = `id: C1
lots:
  - id: L2
    criteres:
      - {id: P, type: prix, ponderation: 50}
      - {id: T, ponderation: 50, sous_criteres: [{id: T1, ponderation: 30}, {id: T2, ponderation: 20}]}
criteres:
  - {id: PRIX, type: prix, ponderation: 100}
offres:
  - {id: X, lot: L2, prix_ht: 1000, notes: {T1: 10, T2: 20}}
  - {id: Y, lot: L2, prix_ht: 2000, notes: {T1: 20, T2: 20}}
`;
    // X: P 20 → 50; T = (10×30 + 20×20)/50 = 14 → 14/20 × 50 = 35; total 85. Y: P 10 → 25; T 20 → 50; total 75.
    const x = md(hover('c.consultation.yaml', text.replace('{id: X,', '{id: |X,')));
    assert.match(x, /Note pondérée : 85 \/ 100 — rang 1 sur 2/);
    assert.match(x, /\| `T` \| 50 \| 14 \(sous-critères\) \| 35 \|/);
    const note = md(hover('c.consultation.yaml', text.replace('notes: {T1: 10', 'notes: {T|1: 10')));
    assert.match(note, /`T1` \(sous-critère de `T`\)[\s\S]*Poids 30 · note 10 \/ 20 → 15 points/);
  });
});

describe('hover: procedure facts', () => {
  const AOO = `id: C1
nature: services
procedure: {type: AOO}
valeur_estimee_ht: 300000
date_lancement: 2026-09-01
date_limite_offres: 2026-10-01
`;

  it('counts the days to the tender deadline against the legal minimum, on either date', () => {
    const late = md(hover('c.consultation.yaml', `${AOO}transmission_electronique: true\n`.replace('date_limite_offres:', 'date_limite_of|fres:')));
    assert.match(late, /\*\*30 jours\*\* entre date_lancement \(01\/09\/2026\) et date_limite_offres \(01\/10\/2026\)/);
    assert.match(late, /Minimum légal AOO : 30 jours, cas électronique \(standard : 35 jours\) — R2161-2, R2161-3 \[V\] ✓/);
    const short = md(hover('c.consultation.yaml', AOO.replace('date_lancement: 2026-09-01', 'date_lancement: 2026-09-0|1')));
    assert.match(short, /Minimum légal AOO : 35 jours, cas standard — R2161-2, R2161-3 \[V\] ✗/);
    assert.match(short, /Date limite au plus tôt : 06\/10\/2026 \(CSL-015\)/);
  });

  it('MAPA: no legal minimum, the practice guide instead', () => {
    assert.match(md(hover('c.consultation.yaml', AOO.replace('type: AOO', 'type: MAPA').replace('date_limite_offres:', 'date_limite_of|fres:'))), /pas de minimum légal[\s\S]*repère 15 jours ✓/);
  });

  // Amounts are printed with no-break spaces (`\s` in the patterns).
  it('gives the EU threshold in force at the launch date, on the value and on the procedure type', () => {
    const text = md(hover('c.consultation.yaml', AOO.replace('valeur_estimee_ht:', 'valeur_estim|ee_ht:')));
    assert.match(text, /\*\*Seuil européen \(fournitures et services, autres pouvoirs adjudicateurs\) : 216\s000\s€\sHT\*\*/);
    assert.match(text, /En vigueur le 01\/09\/2026 — 01\/01\/2026 → 31\/12\/2027/);
    assert.match(text, /Valeur estimée 300\s000\s€\sHT ≥ seuil : procédure formalisée/);
    const before = md(hover('c.consultation.yaml', AOO.replace('date_lancement: 2026-09-01', 'date_lancement: 2025-06-02').replace('type: AOO', 'type: A|OO')));
    assert.match(before, /\*\*AOO\*\* — Appel d’offres ouvert[\s\S]*221\s000\s€\sHT/);
  });

  it('takes the buyer category from the programme', () => {
    const files = { [uriOf('/virtual/op.programme.yaml')]: 'operation: {id: OP, intitule: X, categorie_acheteur: etat}\n' };
    const text = md(hover('c.consultation.yaml', `programme: ./op.programme.yaml\n${AOO.replace('valeur_estimee_ht:', 'valeur_estim|ee_ht:')}`, { files }));
    assert.match(text, /fournitures et services, autorités publiques centrales\) : 140\s000\s€\sHT[\s\S]*Acheteur : etat/);
  });
});
